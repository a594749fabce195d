package io.tollgate.catalog.storage;

import org.apache.iceberg.io.InputFile;
import org.apache.iceberg.io.OutputFile;
import org.apache.iceberg.io.PositionOutputStream;

/**
 * A file to write whose streams are capped ({@link CappedOutputStream}): what both warehouse FileIOs,
 * local and S3, hand the catalog to write into, so that the cap is the same on every storage.
 */
final class CappedOutputFile implements OutputFile {
    private final OutputFile file;
    private final CappedOutputStream.Discard discard;
    private final long maxBytes;

    /**
     * @param file     the storage's own file
     * @param discard  removes what a refused stream has written
     * @param maxBytes the largest file written
     */
    CappedOutputFile(OutputFile file, CappedOutputStream.Discard discard, long maxBytes) {
        this.file = file;
        this.discard = discard;
        this.maxBytes = maxBytes;
    }

    @Override
    public PositionOutputStream create() {
        return new CappedOutputStream(file.create(), discard, maxBytes);
    }

    @Override
    public PositionOutputStream createOrOverwrite() {
        return new CappedOutputStream(file.createOrOverwrite(), discard, maxBytes);
    }

    @Override
    public String location() {
        return file.location();
    }

    @Override
    public InputFile toInputFile() {
        return file.toInputFile();
    }
}
