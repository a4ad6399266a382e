package dev.vigil.ingest.format;

import dev.vigil.ingest.error.ApiException;

/** 400s of the text formats: the message and the field both name the line, counted from 1. */
public final class LineError {

    private LineError() {
    }

    public static ApiException at(int line, String problem) {
        return ApiException.badRequest("line " + line + ": " + problem, "line " + line);
    }
}
