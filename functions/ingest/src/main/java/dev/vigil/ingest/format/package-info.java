/**
 * Ingest from other senders: each format (Prometheus text, InfluxDB line protocol, collectd JSON) is
 * a parser plus a mapper to the contract's metric names behind {@link dev.vigil.ingest.format.IngestFormat}.
 * Everything ends in {@code SampleIngestor}; this package never writes samples itself and never
 * touches the native {@code /api/v1/samples} path.
 */
package dev.vigil.ingest.format;
