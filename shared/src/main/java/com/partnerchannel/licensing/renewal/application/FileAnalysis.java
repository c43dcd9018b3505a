package com.partnerchannel.licensing.renewal.application;

import com.partnerchannel.licensing.renewal.model.ImportFailure;
import com.partnerchannel.licensing.tenancy.model.Emails;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The first pass over a file: its header row, and for each column how many values are email addresses.
 * The email column is the one whose values are mostly emails, preferring a header that says email.
 */
final class FileAnalysis {
    private static final Pattern EMAIL_HEADER = Pattern.compile("(?i).*\\be-?mail.*");
    /** "Mostly": at least half of the column's non-empty values. */
    private static final double MOSTLY = 0.5;

    /** The columns as the manager sees them, whether the file has a header row, and the data rows counted. */
    record Shape(List<String> columns, boolean hasHeader, int[] emails, int[] values, int dataRows) {
        int indexOf(String column) {
            return FileAnalysis.indexOf(columns, column);
        }

        double emailShare(int column) {
            return values[column] == 0 ? 0 : (double) emails[column] / values[column];
        }
    }

    private FileAnalysis() {
    }

    /** The column the manager named: exactly, else ignoring case and surrounding spaces; -1 if none. */
    static int indexOf(List<String> columns, String column) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).equals(column)) return i;
        }
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).equalsIgnoreCase(column.trim())) return i;
        }
        return -1;
    }

    static ImportFailed noSuchColumn(String column, List<String> columns) {
        return new ImportFailed(ImportFailure.Code.no_email_column, "There is no column '" + Cells.safe(column)
                + "'; the columns are " + String.join(", ", columns));
    }

    static Shape shape(InputStream file) {
        List<List<String>> first = new ArrayList<>();
        int[][] counts = new int[2][0];
        int[] dataRows = {0};
        boolean[] header = {false};
        CsvFile.read(file, record -> {
            if (record.isBlank()) return;
            if (first.isEmpty()) {
                first.add(record.fields());
                // A first row holding an email is data, not a header.
                header[0] = record.fields().stream().noneMatch(Emails::isEmail);
                if (header[0]) return;
            }
            if (++dataRows[0] > CsvFile.MAX_ROWS) {
                throw new ImportFailed(ImportFailure.Code.too_many_rows, "The file has more than "
                        + CsvFile.MAX_ROWS + " rows of data; split it into smaller files.");
            }
            List<String> fields = record.fields();
            if (fields.size() > counts[0].length) {
                counts[0] = java.util.Arrays.copyOf(counts[0], fields.size());
                counts[1] = java.util.Arrays.copyOf(counts[1], fields.size());
            }
            for (int i = 0; i < fields.size(); i++) {
                String value = fields.get(i).trim();
                if (value.isEmpty()) continue;
                counts[1][i]++;
                if (Emails.isEmail(value)) counts[0][i]++;
            }
        });
        if (first.isEmpty()) throw new ImportFailed(ImportFailure.Code.empty_file, "The file has no rows, only blank lines.");
        int width = Math.max(counts[0].length, first.get(0).size());
        List<String> columns = new ArrayList<>();
        for (int i = 0; i < width; i++) {
            String name = header[0] && i < first.get(0).size() ? first.get(0).get(i).trim() : "";
            columns.add(name.isEmpty() ? "Column " + (i + 1) : Cells.safe(name));
        }
        return new Shape(columns, header[0], java.util.Arrays.copyOf(counts[0], width),
                java.util.Arrays.copyOf(counts[1], width), dataRows[0]);
    }

    /** The column to read emails from, or why there is none. */
    static int emailColumn(Shape shape) {
        if (shape.dataRows() == 0) {
            throw new ImportFailed(ImportFailure.Code.empty_file, "The file has a header row but no rows of data.");
        }
        Optional<Integer> best = Optional.empty();
        for (int i = 0; i < shape.columns().size(); i++) {
            if (shape.emailShare(i) < MOSTLY) continue;
            boolean named = EMAIL_HEADER.matcher(shape.columns().get(i)).matches();
            if (best.isEmpty() || better(shape, i, named, best.get())) best = Optional.of(i);
        }
        return best.orElseThrow(() -> new ImportFailed(ImportFailure.Code.no_email_column,
                "No column holds mostly email addresses (columns: " + String.join(", ", shape.columns())
                        + "). Choose the email column, or check that the file is the right one."));
    }

    private static boolean better(Shape shape, int candidate, boolean candidateNamed, int current) {
        boolean currentNamed = EMAIL_HEADER.matcher(shape.columns().get(current)).matches();
        if (candidateNamed != currentNamed) return candidateNamed;
        return shape.emailShare(candidate) > shape.emailShare(current);
    }
}
