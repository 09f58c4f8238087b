// jstat ships no type declarations; these are the members the toolkit uses.
declare module "jstat" {
  export const jStat: {
    studentt: { cdf(x: number, dof: number): number; inv(p: number, dof: number): number };
    normal: { cdf(x: number, mean: number, sd: number): number; inv(p: number, mean: number, sd: number): number };
    ibeta(x: number, a: number, b: number): number;
    gammaln(x: number): number;
  };
}
