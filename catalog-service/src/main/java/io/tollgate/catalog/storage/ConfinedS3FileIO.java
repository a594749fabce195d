package io.tollgate.catalog.storage;

import org.apache.iceberg.aws.s3.S3FileIO;
import org.apache.iceberg.io.FileIO;
import org.apache.iceberg.io.InputFile;
import org.apache.iceberg.io.OutputFile;
import org.apache.iceberg.io.PositionOutputStream;

import java.util.Map;

/**
 * iceberg-aws's S3FileIO on a warehouse's bucket, with the platform's keys, confined to the
 * warehouse's root: every location is checked before it is read, written or deleted, the last line
 * of storage confinement whatever the catalog code above asks for. It deliberately offers only
 * FileIO's single-file operations (not S3FileIO's bulk delete or prefix listing), so that nothing
 * reaches S3 without passing the check. Every file written is capped as a local warehouse's are
 * ({@link CappedOutputStream}): the catalog writes only metadata files.
 */
final class ConfinedS3FileIO implements FileIO {
    private final S3Root root;
    private final S3FileIO s3;
    private final long maxFileBytes;

    /** @param maxFileBytes the largest file written ({@code tollgate.catalog.max-metadata-bytes}) */
    ConfinedS3FileIO(S3Root root, WarehouseStorage storage, long maxFileBytes) {
        this.root = root;
        this.maxFileBytes = maxFileBytes;
        this.s3 = new S3FileIO();
        s3.initialize(storage.fileIoProperties());
    }

    @Override
    public InputFile newInputFile(String location) {
        return s3.newInputFile(confine(location));
    }

    @Override
    public InputFile newInputFile(String location, long length) {
        return s3.newInputFile(confine(location), length);
    }

    @Override
    public OutputFile newOutputFile(String location) {
        return new Capped(s3.newOutputFile(confine(location)));
    }

    @Override
    public void deleteFile(String location) {
        s3.deleteFile(confine(location));
    }

    // Not S3FileIO's properties: those hold the platform's keys.
    @Override
    public Map<String, String> properties() {
        return Map.of();
    }

    @Override
    public void close() {
        s3.close();
    }

    private final class Capped implements OutputFile {
        private final OutputFile file;

        Capped(OutputFile file) {
            this.file = file;
        }

        @Override
        public PositionOutputStream create() {
            return new CappedOutputStream(file.create(), this::delete, maxFileBytes);
        }

        @Override
        public PositionOutputStream createOrOverwrite() {
            return new CappedOutputStream(file.createOrOverwrite(), this::delete, maxFileBytes);
        }

        @Override
        public String location() {
            return file.location();
        }

        @Override
        public InputFile toInputFile() {
            return file.toInputFile();
        }

        private void delete() {
            s3.deleteFile(file.location());
        }
    }

    private String confine(String location) {
        if (!root.contains(location)) {
            throw new LocationOutsideWarehouseException(location);
        }
        return location;
    }
}
