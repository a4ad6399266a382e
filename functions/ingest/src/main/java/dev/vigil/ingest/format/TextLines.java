package dev.vigil.ingest.format;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The lines of a text body (LF or CRLF) with their 1-based numbers, for errors that name the line. */
public final class TextLines {

    public record Line(int number, String text) {
    }

    private TextLines() {
    }

    /** @throws dev.vigil.ingest.error.ApiException 400 naming the line when the body is not valid UTF-8 */
    public static List<Line> of(byte[] body) {
        String text = utf8(body);
        List<Line> lines = new ArrayList<>();
        int number = 0;
        int start = 0;
        while (start < text.length()) {
            int end = text.indexOf('\n', start);
            if (end < 0) {
                end = text.length();
            }
            number++;
            String line = text.substring(start, end);
            start = end + 1;
            lines.add(new Line(number, line.endsWith("\r") ? line.substring(0, line.length() - 1) : line));
        }
        return lines;
    }

    /**
     * Strict decoding: a lenient one would store U+FFFD in place of the bad bytes, and the sender would
     * never learn that its labels are garbled (the JSON formats refuse such bodies too).
     */
    private static String utf8(byte[] body) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(body);
        CharBuffer out = CharBuffer.allocate(body.length);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            int offset = in.position();
            int line = 1;
            for (int i = 0; i < offset; i++) {
                if (body[i] == '\n') {
                    line++;
                }
            }
            throw LineError.at(line, "not valid UTF-8 (byte " + (offset + 1) + " of the body)");
        }
        decoder.flush(out);
        return out.flip().toString();
    }
}
