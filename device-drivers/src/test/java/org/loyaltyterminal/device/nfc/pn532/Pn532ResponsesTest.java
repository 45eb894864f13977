package org.loyaltyterminal.device.nfc.pn532;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.loyaltyterminal.device.nfc.pn532.Pn532CodecTest.bytes;
import static org.loyaltyterminal.device.nfc.pn532.Pn532CodecTest.hex;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.loyaltyterminal.core.bytes.Bytes;
import org.loyaltyterminal.device.nfc.pn532.Pn532Command.InDataExchange;
import org.loyaltyterminal.device.nfc.pn532.Pn532Command.InListPassiveTarget;
import org.loyaltyterminal.device.nfc.pn532.Pn532Command.RfMaxRetries;
import org.loyaltyterminal.device.nfc.pn532.Pn532Command.SamConfiguration;
import org.loyaltyterminal.device.nfc.pn532.Pn532Responses.ExchangeError;
import org.loyaltyterminal.device.nfc.pn532.Pn532Responses.ExchangeReply;
import org.loyaltyterminal.device.nfc.pn532.Pn532Responses.ExchangeStatus;
import org.loyaltyterminal.device.nfc.pn532.Pn532Responses.FirmwareVersion;
import org.loyaltyterminal.device.nfc.pn532.Pn532Responses.Target;

/** Command data and response parsing on byte arrays (PD0..PDn, without the frame around them). */
class Pn532ResponsesTest {

    @Test
    void commandDataMatchesTheWorkedFrames() {
        assertArrayEquals(hex("14 01 14 01"), new SamConfiguration(0x14, true).data(), "SAMConfiguration");
        assertArrayEquals(hex("02"), new Pn532Command.GetFirmwareVersion().data(), "GetFirmwareVersion");
        assertArrayEquals(hex("32 05 01 00 01"), new RfMaxRetries(1, 0, 1).data(), "RFConfiguration MaxRetries");
        assertArrayEquals(hex("4A 01 00"), new InListPassiveTarget(1).data(), "InListPassiveTarget");
        assertArrayEquals(hex("40 01 30 04"), InDataExchange.ntagRead(1, 4).data(), "InDataExchange READ page 4");
        assertEquals(0x4B, new InListPassiveTarget(1).responseCode(), "response code = command + 1");
    }

    @Test
    void commandsParseBackFromTheirData() {
        List<Pn532Command> all = List.of(
                new SamConfiguration(0x14, true),
                new Pn532Command.GetFirmwareVersion(),
                new RfMaxRetries(1, 0, 1),
                new InListPassiveTarget(1),
                InDataExchange.ntagRead(1, 8));
        for (Pn532Command c : all) {
            assertEquals(Optional.of(c), Pn532Command.parse(c.data()), () -> "round trip of " + c);
        }
        assertEquals(Optional.empty(), Pn532Command.parse(hex("60 01")), "a command this driver never sends");
    }

    @Test
    void firmwareVersion() {
        FirmwareVersion fw = Pn532Responses.firmwareVersion(hex("03 32 01 06 07"));
        assertEquals(new FirmwareVersion(0x32, 1, 6, 7), fw);
        assertEquals("IC 0x32 firmware 1.6 support 0x07", fw.toString());
        Pn532ProtocolException e =
                assertThrows(Pn532ProtocolException.class, () -> Pn532Responses.firmwareVersion(hex("4B 00")));
        assertTrue(e.getMessage().contains("expected response code 0x03, got 0x4B"), e.getMessage());
        assertThrows(Pn532ProtocolException.class, () -> Pn532Responses.firmwareVersion(hex("03 32 01")));
    }

    @Test
    void emptyResponsesOfSamAndRfConfiguration() {
        Pn532Responses.empty(hex("15"), new SamConfiguration(0x14, true));
        Pn532Responses.empty(hex("33"), new RfMaxRetries(1, 0, 1));
        assertThrows(Pn532ProtocolException.class, () -> Pn532Responses.empty(hex("33 00"), new RfMaxRetries(1, 0, 1)));
        assertThrows(Pn532ProtocolException.class, () -> Pn532Responses.empty(hex("15"), new RfMaxRetries(1, 0, 1)));
    }

    @Test
    void targetWithSevenByteUidFromTheWorkedFrame() {
        List<Target> targets = Pn532Responses.targets(hex("4B 01 01 00 44 00 07 04 7A 3B 52 6B 80 81"));
        assertEquals(List.of(new Target(1, 0x0044, 0x00, uid("04 7A 3B 52 6B 80 81"))), targets);
        assertFalse(targets.getFirst().toString().contains("7A"), () -> "UID in toString: " + targets.getFirst());
    }

    @Test
    void targetsWithFourAndTenByteUids() {
        assertEquals(
                List.of(new Target(1, 0x0004, 0x08, uid("DE AD BE EF"))),
                Pn532Responses.targets(hex("4B 01 01 00 04 08 04 DE AD BE EF")),
                "4-byte UID (MIFARE Classic)");
        assertEquals(
                List.of(new Target(1, 0x0044, 0x00, uid("01 02 03 04 05 06 07 08 09 0A"))),
                Pn532Responses.targets(hex("4B 01 01 00 44 00 0A 01 02 03 04 05 06 07 08 09 0A")),
                "10-byte UID");
    }

    @Test
    void targetWithAtsAndTwoTargets() {
        // SEL_RES 0x20: ISO 14443-4, followed by ATS (TL counts itself)
        List<Target> t = Pn532Responses.targets(
                hex("4B 02" + " 01 03 44 20 07 04 11 22 33 44 55 66 05 78 80 70 02" + " 02 00 04 08 04 AA BB CC DD"));
        assertEquals(2, t.size(), () -> "targets " + t);
        assertEquals(new Target(1, 0x0344, 0x20, uid("04 11 22 33 44 55 66")), t.get(0));
        assertEquals(new Target(2, 0x0004, 0x08, uid("AA BB CC DD")), t.get(1));
    }

    @Test
    void noCard() {
        assertEquals(List.of(), Pn532Responses.targets(hex("4B 00")));
    }

    @Test
    void malformedTargetListsAreRefused() {
        assertThrows(
                Pn532ProtocolException.class,
                () -> Pn532Responses.targets(hex("4B 01 01 00 44 00 05 01 02 03 04 05")),
                "UID length 5");
        assertThrows(
                Pn532ProtocolException.class,
                () -> Pn532Responses.targets(hex("4B 01 01 00 44 00 07 04 7A")),
                "truncated UID");
        assertThrows(
                Pn532ProtocolException.class,
                () -> Pn532Responses.targets(hex("4B 01 01 00 04 08 04 DE AD BE EF 99")),
                "trailing byte");
        assertThrows(Pn532ProtocolException.class, () -> Pn532Responses.targets(hex("4B 03")), "NbTg 3");
    }

    @Test
    void inDataExchangeSuccessAndSixteenBytes() {
        ExchangeReply r = Pn532Responses.exchange(hex("41 00 03 0D D1 01 09 54 02 65 6E 4D 31 32 33 34 35 FE"));
        assertTrue(r.status().ok(), () -> "status " + r.status());
        assertArrayEquals(hex("03 0D D1 01 09 54 02 65 6E 4D 31 32 33 34 35 FE"), Pn532Responses.ntagReadBytes(r));
    }

    @Test
    void inDataExchangeStatusCodes() {
        record Case(int raw, Optional<ExchangeError> error, boolean more, boolean transientFailure) {}
        List<Case> cases = List.of(
                new Case(0x00, Optional.empty(), false, false),
                new Case(0x01, Optional.of(ExchangeError.TIMEOUT), false, true),
                new Case(0x02, Optional.of(ExchangeError.CRC), false, true),
                new Case(0x03, Optional.of(ExchangeError.PARITY), false, true),
                new Case(0x14, Optional.of(ExchangeError.AUTHENTICATION), false, false),
                new Case(0x27, Optional.of(ExchangeError.WRONG_CONTEXT), false, false),
                new Case(0x29, Optional.of(ExchangeError.RELEASED), false, false),
                new Case(0x7F, Optional.of(ExchangeError.SYNTAX), false, false),
                new Case(0x40, Optional.empty(), true, false),
                new Case(0x41, Optional.of(ExchangeError.TIMEOUT), true, true),
                new Case(0x0B, Optional.of(ExchangeError.OTHER), false, false));
        for (Case c : cases) {
            ExchangeStatus s = new ExchangeStatus(c.raw());
            assertEquals(c.error(), s.error(), () -> "error of " + s);
            assertEquals(c.more(), s.moreInformation(), () -> "more-information bit of " + s);
            assertEquals(c.transientFailure(), s.transientFailure(), () -> "transient of " + s);
        }
        ExchangeReply gone = Pn532Responses.exchange(hex("41 01"));
        Pn532ProtocolException e = assertThrows(Pn532ProtocolException.class, () -> Pn532Responses.ntagReadBytes(gone));
        assertTrue(e.getMessage().contains("status 0x01") && e.getMessage().contains("timeout"), e.getMessage());
        assertThrows(
                Pn532ProtocolException.class,
                () -> Pn532Responses.ntagReadBytes(Pn532Responses.exchange(hex("41 00 01 02"))),
                "short read");
    }

    @Test
    void uidCannotBeChangedFromOutside() {
        byte[] uid = bytes(1, 2, 3, 4);
        Target t = new Target(1, 4, 8, Bytes.copyOf(uid));
        uid[0] = 9;
        t.uid().toArray()[1] = 9;
        assertArrayEquals(bytes(1, 2, 3, 4), t.uid().toArray(), "target UID changed from outside");
    }

    @Test
    void theSameReplyTwiceIsEqual() {
        byte[] data = hex("41 00 03 0D D1 01 09 54 02 65 6E 4D 31 32 33 34 35 FE");
        assertEquals(Pn532Responses.exchange(data), Pn532Responses.exchange(data.clone()));
        assertEquals(
                Pn532Responses.exchange(data).hashCode(),
                Pn532Responses.exchange(data.clone()).hashCode());
    }

    private static Bytes uid(String hex) {
        return Bytes.copyOf(hex(hex));
    }
}
