/** A confidence interval, as every statistic reports it. */
export interface Interval {
  low: number;
  high: number;
}
