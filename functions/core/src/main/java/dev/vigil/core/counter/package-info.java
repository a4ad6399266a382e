/**
 * Counter state: the previous (ts, value) of every running-total series a sender reports, kept in
 * the database so rates survive across stateless invocations. Owns table counter_state (V30) and
 * nothing else; it does not know about ingest formats or metric names.
 */
package dev.vigil.core.counter;
