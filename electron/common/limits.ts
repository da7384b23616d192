/**
 * How much one API call gives at most, where a screen pages through a long
 * answer: the API's schemas refuse more, and the screens ask in these steps.
 */

/** Rows of the staff list per call (training.staff.page); a remote table's export asks in windows this size. */
export const STAFF_PAGE_MAX = 5000;

/** People of one unit per page of the matrix drill-down (training.matrix.people), and the most it gives at once. */
export const MATRIX_PAGE = 500;
export const MATRIX_PEOPLE_MAX = 2000;
