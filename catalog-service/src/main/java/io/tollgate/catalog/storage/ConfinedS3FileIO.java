package io.tollgate.catalog.storage;

import org.apache.iceberg.aws.s3.S3FileIO;
import org.apache.iceberg.io.FileIO;
import org.apache.iceberg.io.InputFile;
import org.apache.iceberg.io.OutputFile;

import java.util.Map;

/**
 * iceberg-aws's S3FileIO on a warehouse's bucket, with the platform's keys, confined to the
 * warehouse's root: every location is checked before it is read, written or deleted, the last line
 * of storage confinement whatever the catalog code above asks for. It deliberately offers only
 * FileIO's single-file operations (not S3FileIO's bulk delete or prefix listing), so that nothing
 * reaches S3 without passing the check. Every file written is capped as a local warehouse's are
 * ({@link CappedOutputFile}): the catalog writes only metadata files.
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
        String confined = confine(location);
        return new CappedOutputFile(s3.newOutputFile(confined), () -> s3.deleteFile(confined), maxFileBytes);
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

    private String confine(String location) {
        if (!root.contains(location)) {
            throw new LocationOutsideWarehouseException(location);
        }
        return location;
    }
}
