/** The English catalogue must have exactly the Vietnamese catalogue's keys. */
export type Translation<T> = { [K in keyof T]: T[K] extends string ? string : Translation<T[K]> };
