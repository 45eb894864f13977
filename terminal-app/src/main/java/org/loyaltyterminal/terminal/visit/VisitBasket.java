package org.loyaltyterminal.terminal.visit;

import java.util.ArrayList;
import java.util.List;
import org.loyaltyterminal.core.engine.VisitInput;

/**
 * What the rules remember of the open visit besides its id: the items scanned so far (points on
 * items, exclusions, buy X get Y) and whether the visit enrolled its member (a referral code counts
 * only then). Not thread-safe: owned by the scan-processing thread, under the processor's lock.
 */
final class VisitBasket {
    private List<VisitInput.ItemScanned> items = new ArrayList<>();
    private boolean enrolled;

    /** A new visit opened: nothing scanned yet. */
    void startVisit() {
        items = new ArrayList<>();
        enrolled = false;
    }

    /** The visit that just opened enrolled its member. */
    void markEnrolled() {
        enrolled = true;
    }

    boolean enrolledThisVisit() {
        return enrolled;
    }

    /** The items scanned so far, in order; the rules read them, only {@link #add} changes them. */
    List<VisitInput.ItemScanned> items() {
        return items;
    }

    void add(VisitInput.ItemScanned item) {
        items.add(item);
    }

    int size() {
        return items.size();
    }

    /** The scan's transaction rolled back: the items it added were never recorded. */
    void keepFirst(int count) {
        if (items.size() > count) {
            items = new ArrayList<>(items.subList(0, count));
        }
    }
}
