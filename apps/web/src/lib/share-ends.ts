/**
 * When an outbound share counts as ending soon: one threshold for every view of the fleet index
 * (the Fleet grid's marks, the Share radar's groups), so they never disagree about a share.
 */

/** A share ending within this many days is marked as ending soon. */
export const ENDING_SOON_DAYS = 7;
