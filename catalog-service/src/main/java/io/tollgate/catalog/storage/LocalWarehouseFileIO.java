package io.tollgate.catalog.storage;

import org.apache.iceberg.Files;
import org.apache.iceberg.exceptions.NotFoundException;
import org.apache.iceberg.io.FileIO;
import org.apache.iceberg.io.InputFile;
import org.apache.iceberg.io.OutputFile;
import org.apache.iceberg.io.PositionOutputStream;
import org.apache.iceberg.io.SeekableInputStream;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Iceberg's FileIO on the local filesystem, without Hadoop (iceberg-core's default HadoopFileIO
 * needs hadoop-common and its 38 jars). Every location is confined to the warehouse's root before it
 * is read, written or deleted: the last line of storage confinement, whatever the catalog code
 * above asks for. Locations keep the form they were asked in (the {@code file:} scheme stays in
 * metadata), where iceberg's local files would report bare paths.
 */
public final class LocalWarehouseFileIO implements FileIO {
    private final LocalRoot root;
    private final long maxFileBytes;

    /**
     * @param maxFileBytes the largest file written (the catalog writes only tables' metadata files;
     *                     data files are the clients')
     */
    public LocalWarehouseFileIO(LocalRoot root, long maxFileBytes) {
        this.root = root;
        this.maxFileBytes = maxFileBytes;
    }

    @Override
    public InputFile newInputFile(String location) {
        return new Input(location, Files.localInput(root.confine(location).toFile()));
    }

    @Override
    public OutputFile newOutputFile(String location) {
        java.nio.file.Path path = root.confine(location);
        return new CappedOutputFile(new Output(location, Files.localOutput(path.toFile())),
                () -> java.nio.file.Files.deleteIfExists(path), maxFileBytes);
    }

    @Override
    public void deleteFile(String location) {
        try {
            java.nio.file.Files.deleteIfExists(root.confine(location));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private record Input(String location, InputFile local) implements InputFile {
        @Override
        public long getLength() {
            return local.getLength();
        }

        /**
         * A missing file is reported by the location it was asked for, in the words of Iceberg's
         * other FileIOs (clients match on them), not by iceberg's local file as a bare path.
         */
        @Override
        public SeekableInputStream newStream() {
            try {
                return local.newStream();
            } catch (NotFoundException e) {
                throw new NotFoundException(e, "Failed to open input stream for file: %s", location);
            }
        }

        @Override
        public boolean exists() {
            return local.exists();
        }
    }

    private record Output(String location, OutputFile local) implements OutputFile {
        @Override
        public PositionOutputStream create() {
            return local.create();
        }

        @Override
        public PositionOutputStream createOrOverwrite() {
            return local.createOrOverwrite();
        }

        @Override
        public InputFile toInputFile() {
            return new Input(location, local.toInputFile());
        }
    }
}
