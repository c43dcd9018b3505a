package com.partnerchannel.licensing.renewal.application;

import com.partnerchannel.licensing.renewal.model.ImportFailure;
import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * Reads an uploaded spreadsheet export as a stream of records, never whole: UTF-8 with or without a
 * byte-order mark, or Windows-1252 as Excel writes it; {@code ,}, {@code ;} or tab separated (guessed
 * from the first line); quoted fields with separators and line breaks; CRLF; blank lines.
 */
final class CsvFile {
    /** The most an upload may weigh, and the most data rows it may have (documented in README.md). */
    static final long MAX_BYTES = 50L * 1024 * 1024;
    static final int MAX_ROWS = 100_000;
    private static final int SNIFF_BYTES = 64 * 1024;
    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    private CsvFile() {
    }

    /** One record and its row number as a spreadsheet shows it (blank lines count, the first row is 1). */
    record Record(int row, List<String> fields) {
        boolean isBlank() {
            return fields.stream().allMatch(String::isBlank);
        }

        String field(int index) {
            return index < fields.size() ? fields.get(index) : "";
        }
    }

    static void read(InputStream raw, Consumer<Record> each) {
        BufferedInputStream in = new BufferedInputStream(raw, SNIFF_BYTES);
        try {
            in.mark(SNIFF_BYTES);
            byte[] sniff = in.readNBytes(SNIFF_BYTES);
            in.reset();
            if (sniff.length == 0) throw new ImportFailed(ImportFailure.Code.empty_file, "The file is empty.");
            int bom = startsWithUtf8Bom(sniff) ? 3 : 0;
            if (bom > 0) in.skipNBytes(bom);
            byte[] text = Arrays.copyOfRange(sniff, bom, sniff.length);
            if (looksBinary(text)) {
                throw new ImportFailed(ImportFailure.Code.not_csv,
                        "The file is not a CSV file (it holds binary data). Save the spreadsheet as CSV and upload that.");
            }
            Charset charset = isUtf8(text, sniff.length == SNIFF_BYTES) ? StandardCharsets.UTF_8 : WINDOWS_1252;
            Reader reader = new InputStreamReader(in, charset);
            char separator = separator(new String(text, charset));
            CsvReader<CsvRecord> csv = CsvReader.builder().fieldSeparator(separator).quoteCharacter('"')
                    .skipEmptyLines(false).allowExtraFields(true).allowMissingFields(true)
                    .maxBufferSize(1024 * 1024).ofCsvRecord(reader);
            int row = 0;
            for (CsvRecord record : csv) {
                row++;
                each.accept(new Record(row, record.getFields()));
            }
            if (row == 0) throw new ImportFailed(ImportFailure.Code.empty_file, "The file is empty.");
        } catch (CsvParseException e) {
            throw new ImportFailed(ImportFailure.Code.not_csv, "The file could not be read as CSV: " + e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (UncheckedIOException e) {
            throw new ImportFailed(ImportFailure.Code.unreadable, "The file could not be read: " + e.getMessage());
        }
    }

    private static boolean startsWithUtf8Bom(byte[] bytes) {
        return bytes.length >= 3 && (bytes[0] & 0xff) == 0xEF && (bytes[1] & 0xff) == 0xBB && (bytes[2] & 0xff) == 0xBF;
    }

    /** Text files hold no NUL bytes and few control characters. */
    private static boolean looksBinary(byte[] bytes) {
        int control = 0;
        for (byte b : bytes) {
            if (b == 0) return true;
            if (b > 0 && b < 32 && b != '\n' && b != '\r' && b != '\t' && b != '\f') control++;
        }
        return control > bytes.length / 20;
    }

    /** Valid UTF-8, allowing a character cut at the end of the sample. */
    private static boolean isUtf8(byte[] bytes, boolean truncated) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, 0, truncated ? Math.max(0, bytes.length - 4) : bytes.length));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    /** The separator that splits the first non-blank line most, outside quotes; a comma if none does. */
    static char separator(String sample) {
        String firstLine = "";
        for (String line : sample.split("\r\n|\n|\r")) {
            if (!line.isBlank()) {
                firstLine = line;
                break;
            }
        }
        char best = ',';
        int bestCount = 0;
        for (char candidate : new char[]{',', ';', '\t'}) {
            int count = 0;
            boolean quoted = false;
            for (char c : firstLine.toCharArray()) {
                if (c == '"') quoted = !quoted;
                else if (c == candidate && !quoted) count++;
            }
            if (count > bestCount) {
                best = candidate;
                bestCount = count;
            }
        }
        return best;
    }
}
