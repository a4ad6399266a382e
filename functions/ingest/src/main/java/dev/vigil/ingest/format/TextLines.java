package dev.vigil.ingest.format;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The lines of a text body (LF or CRLF) with their 1-based numbers, for errors that name the line. */
public final class TextLines {

    public record Line(int number, String text) {
    }

    private TextLines() {
    }

    public static List<Line> of(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
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
}
