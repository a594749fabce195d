package io.tollgate.catalog.handler;

import io.tollgate.catalog.storage.S3RequestSigner;
import io.tollgate.catalog.storage.SigningRefusedException;
import io.tollgate.common.auth.AccessClass;
import jakarta.inject.Singleton;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.exceptions.NoSuchTableException;
import org.apache.iceberg.rest.requests.RemoteSignRequest;
import org.apache.iceberg.rest.responses.RemoteSignResponse;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Iceberg's remote signing for S3 warehouses: a client holding no storage keys sends each S3
 * request here and gets it signed with the warehouse's keys, if its role allows the request's
 * method (reader: GET and HEAD; writer and above also PUT, POST and DELETE; nothing else) and the
 * request is for an object of the table named in the route, under the table's location (or its
 * data and metadata paths, themselves confined to the warehouse: {@link TablePlaces}); see
 * {@link S3RequestSigner}. A table staged but not yet created has no places in the catalog: its
 * stager's requests, while it is a writer, are signed for the fresh directory the catalog chose for
 * it ({@link StagedTables}), and for nobody else.
 */
@Singleton
public class SigningService {
    private static final Set<String> READS = Set.of("GET", "HEAD");
    private static final Set<String> WRITES = Set.of("PUT", "POST", "DELETE");

    private final WarehouseAccess warehouses;
    private final TablePlaces tablePlaces;
    private final StagedTables stagedTables;

    public SigningService(WarehouseAccess warehouses, TablePlaces tablePlaces, StagedTables stagedTables) {
        this.warehouses = warehouses;
        this.tablePlaces = tablePlaces;
        this.stagedTables = stagedTables;
    }

    /**
     * The signed request.
     *
     * @return the signature, and whether the client may cache it (reads only: a write's is used once)
     */
    public Signature sign(Caller caller, String prefix, TableIdentifier table, RemoteSignRequest request) {
        Warehouse warehouse = warehouses.open(caller, prefix, "sign storage requests", AccessClass.READER);
        request.validate();
        String method = request.method().toUpperCase(Locale.ROOT);
        AccessClass needed = READS.contains(method) ? AccessClass.READER
                : WRITES.contains(method) ? AccessClass.WRITER : null;
        if (needed == null) {
            throw new SigningRefusedException("only GET, HEAD, PUT, POST and DELETE requests are signed");
        }
        if (!caller.access().covers(needed)) {
            throw new RoleRefusedException("sign " + method + " requests", needed);
        }
        if (warehouse.storage() == null) {
            throw new SigningRefusedException("this warehouse's storage is not reached by clients");
        }
        RemoteSignResponse signed;
        try {
            signed = signForTable(warehouse, table, request);
        } catch (NoSuchTableException | SigningRefusedException refused) {
            // Not in the catalog (yet), or not one of its places: the caller's own staging of a table
            // of this name, if any (a create transaction that lost the race to another keeps writing
            // its own directory until its commit is refused); else the refusal as it was.
            List<String> staged = stagedTables.places(caller, warehouse, table);
            if (staged.isEmpty()) {
                throw refused;
            }
            signed = S3RequestSigner.sign(warehouse.storage(), request, staged);
        }
        return new Signature(signed, READS.contains(method));
    }

    private RemoteSignResponse signForTable(Warehouse warehouse, TableIdentifier table, RemoteSignRequest request) {
        // Never a place outside the warehouse, whatever the table says (confinement refused it when set).
        List<String> places = tablePlaces.of(warehouse, table);
        try {
            return S3RequestSigner.sign(warehouse.storage(), request, places);
        } catch (SigningRefusedException refused) {
            // The kept places may be an earlier table's of this name (dropped, then created again in
            // a directory of its own): read them afresh once before refusing.
            List<String> current = tablePlaces.reread(warehouse, table);
            if (current.equals(places)) {
                throw refused;
            }
            return S3RequestSigner.sign(warehouse.storage(), request, current);
        }
    }

    /**
     * A signed request.
     *
     * @param response  the signed headers
     * @param cacheable whether the client may reuse them for the same request
     */
    public record Signature(RemoteSignResponse response, boolean cacheable) {
    }
}
