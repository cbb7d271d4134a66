// cluster-key-slot ships no types; this is the one function dashwatch uses.
declare module 'cluster-key-slot' {
  /** The Redis Cluster slot (0–16383) of `key`, honouring a `{…}` hash tag. */
  export default function calculateSlot(key: string): number;
}
