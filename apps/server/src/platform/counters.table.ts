export interface SubtreeCounterTable {
  orgId: number;
  dimension: string;
  value: string;
  count: number;
}
