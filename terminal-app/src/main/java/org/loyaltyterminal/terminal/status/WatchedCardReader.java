package org.loyaltyterminal.terminal.status;

import org.loyaltyterminal.device.ConnectionState;
import org.loyaltyterminal.device.nfc.CardListener;
import org.loyaltyterminal.device.nfc.CardReader;

/** A card reader whose reads are noted in a {@link DeviceActivity} on their way to the listener. */
public final class WatchedCardReader implements CardReader {
    private final CardReader reader;
    private final DeviceActivity activity;

    public WatchedCardReader(CardReader reader, DeviceActivity activity) {
        this.reader = reader;
        this.activity = activity;
    }

    @Override
    public String name() {
        return reader.name();
    }

    @Override
    public void start(CardListener listener) {
        reader.start(read -> {
            activity.readStarted();
            try {
                listener.onCard(read);
            } finally {
                activity.readFinished();
            }
        });
    }

    @Override
    public ConnectionState state() {
        return reader.state();
    }

    @Override
    public void close() {
        reader.close();
    }
}
