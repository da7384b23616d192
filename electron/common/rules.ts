/** Rules of the domain that the screens show before the host applies them (the services import the same values). */

/** Corrective actions after an inspection are due this many months after its minutes (the circular's 2-month rule). */
export const INSPECTION_DEADLINE_MONTHS = 2;
