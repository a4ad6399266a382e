package dev.vigil.agent.send;

/** Posts one JSON batch to ingest. */
@FunctionalInterface
public interface BatchSender {

    SendResult send(byte[] body);
}
