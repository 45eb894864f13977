package org.loyaltyterminal.terminal.ledger;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The record of voucher prints, beside the vouchers they print. */
final class VoucherPrintRepository implements VoucherPrints {
    private final SqliteSession session;
    private final VoucherRepository vouchers;

    VoucherPrintRepository(SqliteSession session, VoucherRepository vouchers) {
        this.session = session;
        this.vouchers = vouchers;
    }

    @Override
    public VoucherPrint recordPrint(IssuedVoucher voucher, VoucherPrint.Kind kind, EventTime time) {
        return session.write("record a print of " + voucher.code().label(), () -> {
            PreparedStatement s = session.statement(
                    "INSERT INTO voucher_prints (reference, kind, requested_at, state) VALUES (?, ?, ?, 'QUEUED')");
            s.setString(1, voucher.reference());
            s.setString(2, kind.name());
            s.setString(3, time.wall().toString());
            s.executeUpdate();
            try (Statement id = session.connection().createStatement();
                    ResultSet rs = id.executeQuery("SELECT last_insert_rowid()")) {
                rs.next();
                return new VoucherPrint(rs.getLong(1), voucher, kind);
            }
        });
    }

    @Override
    public void printEnded(long printId, VoucherPrint.State state, String detail, Instant at) {
        session.write("record a print outcome", () -> {
            PreparedStatement s = session.statement(
                    "UPDATE voucher_prints SET state = ?, detail = ?, done_at = ? WHERE print_id = ? AND state = 'QUEUED'");
            s.setString(1, state.name());
            s.setString(2, detail);
            s.setString(3, at.toString());
            s.setLong(4, printId);
            return s.executeUpdate();
        });
    }

    @Override
    public List<VoucherPrint> unfinishedPrints() {
        return session.read("list unfinished prints", () -> {
            record Row(long printId, String reference, VoucherPrint.Kind kind) {}
            List<Row> rows = new ArrayList<>();
            PreparedStatement s = session.statement(
                    "SELECT print_id, reference, kind FROM voucher_prints WHERE state = 'QUEUED' ORDER BY print_id");
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Row(rs.getLong(1), rs.getString(2), VoucherPrint.Kind.valueOf(rs.getString(3))));
                }
            }
            List<VoucherPrint> prints = new ArrayList<>(rows.size());
            for (Row row : rows) {
                IssuedVoucher voucher = vouchers.voucher(row.reference())
                        .orElseThrow(() -> new SQLException(
                                "voucher_prints names voucher " + row.reference() + ", which is not recorded"));
                prints.add(new VoucherPrint(row.printId(), voucher, row.kind()));
            }
            return List.copyOf(prints);
        });
    }
}
