package io.tollgate.connect.grpc;

import io.grpc.ServerCall;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A call's events while its caller is being admitted: held, then handed to the admitted call in order. */
class AwaitingAdmissionTest {
    /** What a call's listener heard, in order. */
    private static final class Heard extends ServerCall.Listener<byte[]> {
        final List<String> events = new ArrayList<>();

        @Override
        public void onMessage(byte[] message) {
            events.add("message " + message.length);
        }

        @Override
        public void onHalfClose() {
            events.add("half-close");
        }

        @Override
        public void onCancel() {
            events.add("cancel");
        }

        @Override
        public void onComplete() {
            events.add("complete");
        }

        @Override
        public void onReady() {
            events.add("ready");
        }
    }

    @Test
    void eventsBeforeAdmissionReachTheAdmittedCallInOrderAndLaterOnesGoStraightThrough() {
        AwaitingAdmission awaiting = new AwaitingAdmission(() -> { });
        awaiting.onReady();
        awaiting.onReady();
        Heard admitted = new Heard();

        awaiting.proceed(admitted);
        awaiting.onMessage(new byte[3]);
        awaiting.onHalfClose();
        awaiting.onComplete();

        assertEquals(List.of("ready", "message 3", "half-close", "complete"), admitted.events);
    }

    @Test
    void aClientGoneBeforeAdmissionIsTheOnlyThingTheAdmittedCallHears() {
        AtomicInteger placesGiven = new AtomicInteger();
        AwaitingAdmission awaiting = new AwaitingAdmission(placesGiven::incrementAndGet);
        awaiting.onReady();
        awaiting.onCancel();
        assertTrue(awaiting.cancelled(), "admitting a caller that has gone is skipped");
        assertEquals(1, placesGiven.get(), "its place among its connection's waiting calls given back at once");
        Heard admitted = new Heard();

        awaiting.proceed(admitted);

        assertEquals(List.of("cancel"), admitted.events);
    }

    @Test
    void aRequestBeforeAdmissionGoesNowhere() {
        AwaitingAdmission awaiting = new AwaitingAdmission(() -> { });
        assertThrows(IllegalStateException.class, () -> awaiting.onMessage(new byte[1]));
        Heard admitted = new Heard();

        awaiting.proceed(admitted);

        assertEquals(List.of(), admitted.events);
    }
}
