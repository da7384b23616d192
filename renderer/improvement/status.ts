/** Done and verified actions no longer count as open. */
export const isClosedStatus = (status: string): boolean => status === 'done' || status === 'verified';
