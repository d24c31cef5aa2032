/**
 * Every benchmark `npm run bench` knows. A benchmark is one file exporting a Benchmark; add it
 * to BENCHMARKS to make it runnable (`npm run bench -- --only <name>`).
 */
import { mbconvStepBenchmark } from './mbconv-step';
import { budgetedSearchBenchmark } from './budgeted-search';
import { rankingBenchmark } from './ranking';
import { supernetBlockBenchmark } from './supernet-block';
import type { Benchmark } from './benchmark';

export const BENCHMARKS: Benchmark[] = [mbconvStepBenchmark, supernetBlockBenchmark, rankingBenchmark, budgetedSearchBenchmark];
