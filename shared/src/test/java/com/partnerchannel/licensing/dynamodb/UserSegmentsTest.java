package com.partnerchannel.licensing.dynamodb;

import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Where the rest of the company's users is cut into segments (docs/data-model.md, "Reading the users in
 * segments"): segments that follow one another with no gap and no overlap, as wide as the page just read, no more
 * than the readers free and the keys still unmatched need.
 */
class UserSegmentsTest {
    private static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    @Test
    void aKeysPositionFollowsItsOrderAndAnIdComesBackFromItsPosition() {
        Random random = new Random(7);
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) keys.add("USER#" + (i % 2 == 0 ? "01J" + id(random, 23) : "K" + id(random, 25)));
        keys.sort(null);
        for (int i = 1; i < keys.size(); i++) {
            assertThat(UserSegments.position(keys.get(i))).isGreaterThanOrEqualTo(UserSegments.position(keys.get(i - 1)));
        }
        for (String key : keys) assertThat(UserSegments.key(UserSegments.position(key))).isEqualTo(key);
        // A key shorter than an id sorts before its position's key, and a cut is printable ASCII.
        assertThat(UserSegments.key(UserSegments.position("USER#L00012"))).startsWith("USER#L00012").isGreaterThan("USER#L00012")
                .matches("USER#[!-~]{26}");
    }

    @Test
    void theRestIsCutIntoSegmentsAsWideAsThePageFollowingEachOtherToTheEnd() {
        String first = "USER#01JQ0000000000000000000000";
        String last = "USER#01JQ0000050000000000000000";
        UserSegments.Page page = new UserSegments.Page(new UserSegments.Segment(null, null), List.of(), first, last, 256, 1_600);

        List<UserSegments.Segment> segments = UserSegments.cut(page, 8, 28_000);

        assertThat(segments).hasSize(8);
        assertThat(segments.get(0).after()).isEqualTo(last);
        assertThat(segments.get(7).upTo()).isNull();
        BigInteger width = UserSegments.position(last).subtract(UserSegments.position(first));
        for (int i = 0; i < 7; i++) {
            UserSegments.Segment segment = segments.get(i);
            assertThat(segment.upTo()).isGreaterThan(segment.after());
            assertThat(segments.get(i + 1).after()).isEqualTo(segment.upTo());
            assertThat(UserSegments.position(segment.upTo()).subtract(UserSegments.position(segment.after()))).isEqualTo(width);
        }
    }

    @Test
    void aBoundedSegmentIsCutWithinItsEndAndNeverPastIt() {
        BigInteger unit = BigInteger.valueOf(94).pow(16);
        BigInteger start = UserSegments.position("USER#01JQ0000000000000000000000");
        String first = UserSegments.key(start);
        String last = UserSegments.key(start.add(unit.multiply(BigInteger.valueOf(3))));
        String upTo = UserSegments.key(start.add(unit.multiply(BigInteger.valueOf(10))));
        UserSegments.Page page = new UserSegments.Page(new UserSegments.Segment("USER#01JQ", upTo), List.of(), first, last,
                256, 1_600);

        List<UserSegments.Segment> segments = UserSegments.cut(page, 8, 28_000);

        // Widths of 3 after 3: cuts at 6 and 9; 12 is past the end at 10, so the rest goes to 10.
        assertThat(segments).containsExactly(
                new UserSegments.Segment(last, UserSegments.key(start.add(unit.multiply(BigInteger.valueOf(6))))),
                new UserSegments.Segment(UserSegments.key(start.add(unit.multiply(BigInteger.valueOf(6)))),
                        UserSegments.key(start.add(unit.multiply(BigInteger.valueOf(9))))),
                new UserSegments.Segment(UserSegments.key(start.add(unit.multiply(BigInteger.valueOf(9)))), upTo));
    }

    @Test
    void noMoreSegmentsThanReadersFreeOrThanTheUnmatchedKeysFillPages() {
        UserSegments.Page page = new UserSegments.Page(new UserSegments.Segment(null, null), List.of(),
                "USER#01JQ0000000000000000000000", "USER#01JQ0000050000000000000000", 256, 1_600);

        assertThat(UserSegments.cut(page, 3, 28_000)).hasSize(3);
        assertThat(UserSegments.cut(page, 8, 3_000)).hasSize(2);
        assertThat(UserSegments.cut(page, 8, 100)).containsExactly(
                new UserSegments.Segment("USER#01JQ0000050000000000000000", null));
        assertThat(UserSegments.cut(page, 0, 28_000)).hasSize(1);
    }

    @Test
    void aPageOfOneKeyHasNoWidthAndGoesOnAsItWas() {
        UserSegments.Page page = new UserSegments.Page(new UserSegments.Segment("USER#A", "USER#Z"), List.of(),
                "USER#M", "USER#M", 1, 1);

        assertThat(UserSegments.cut(page, 8, 28_000)).containsExactly(new UserSegments.Segment("USER#M", "USER#Z"));
    }

    private static String id(Random random, int length) {
        StringBuilder id = new StringBuilder();
        for (int i = 0; i < length; i++) id.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        return id.toString();
    }
}
