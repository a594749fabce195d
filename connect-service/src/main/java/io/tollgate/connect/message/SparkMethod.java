package io.tollgate.connect.message;

import java.util.Arrays;
import java.util.Optional;
import java.util.Set;

/**
 * Every RPC of {@code spark.connect.SparkConnectService} in Spark 4.1, with what the gateway must
 * know of its request: where the operation id is (the operation a cancel interrupts), whether it
 * runs an operation (counted against the tenant's limit), whether it uploads artifacts (counted in
 * bytes) or ends a session. An RPC not listed here is not served (UNIMPLEMENTED).
 */
public enum SparkMethod {
    EXECUTE_PLAN("ExecutePlan", 6, true, Set.of()),
    ANALYZE_PLAN("AnalyzePlan", 0, false, Set.of()),
    CONFIG("Config", 0, false, Set.of()),
    /** Fields 3, 4 and 5 (batch, begin_chunk, chunk) are the uploaded bytes. */
    ADD_ARTIFACTS("AddArtifacts", 0, false, Set.of(3, 4, 5)),
    ARTIFACT_STATUS("ArtifactStatus", 0, false, Set.of()),
    INTERRUPT("Interrupt", 0, false, Set.of()),
    REATTACH_EXECUTE("ReattachExecute", 3, true, Set.of()),
    RELEASE_EXECUTE("ReleaseExecute", 3, false, Set.of()),
    RELEASE_SESSION("ReleaseSession", 0, false, Set.of()),
    FETCH_ERROR_DETAILS("FetchErrorDetails", 0, false, Set.of()),
    CLONE_SESSION("CloneSession", 0, false, Set.of());

    private final String rpcName;
    private final int operationIdField;
    private final boolean runsOperation;
    private final Set<Integer> artifactFields;

    SparkMethod(String rpcName, int operationIdField, boolean runsOperation, Set<Integer> artifactFields) {
        this.rpcName = rpcName;
        this.operationIdField = operationIdField;
        this.runsOperation = runsOperation;
        this.artifactFields = artifactFields;
    }

    /** The RPC's name in the service, e.g. {@code ExecutePlan}. */
    public String rpcName() {
        return rpcName;
    }

    /** The request's field holding the operation id; 0 when it has none. */
    int operationIdField() {
        return operationIdField;
    }

    /** Whether a call runs (or re-attaches to) an operation on the backend: counted, and interrupted on cancel. */
    public boolean runsOperation() {
        return runsOperation;
    }

    /** The request's field holding the id of a session it creates (CloneSession's new_session_id); 0 when none. */
    int newSessionIdField() {
        return this == CLONE_SESSION ? 4 : 0;
    }

    /** The request's field holding the plan it runs or analyzes (ExecutePlan's plan); 0 when none is read. */
    int planField() {
        return this == EXECUTE_PLAN ? 3 : 0;
    }

    /** Whether the request carries a plan whose kind the audit trail names. */
    public boolean carriesPlan() {
        return planField() != 0;
    }

    /** Whether the gateway gives the operation an id when the client did not (so it can interrupt it). */
    boolean assignsOperationId() {
        return this == EXECUTE_PLAN;
    }

    Set<Integer> artifactFields() {
        return artifactFields;
    }

    /** The method of an RPC name, if it is one of Spark 4.1's. */
    public static Optional<SparkMethod> of(String rpcName) {
        return Arrays.stream(values()).filter(m -> m.rpcName.equals(rpcName)).findFirst();
    }
}
