package org.loyaltyterminal.core.campaign;

/** The money a points campaign counts. */
public enum PointsBasis {
    /** The receipt's total, less the price of scanned items in excluded categories. */
    RECEIPT,
    /** Only the priced items scanned in the visit that qualify and are not excluded. */
    ITEMS
}
