/** The reports API's schemas (docs/reports.md): the web app's dashboard reads these shapes. */
import { z } from 'zod';
import { DISTRIBUTIONS } from '../../domain/reports/distribution-report.ts';
import { INTERVALS } from '../../domain/reports/created-vs-solved-report.ts';
import { BACKLOG_BUCKETS } from '../../domain/reports/summary-report.ts';
import { STATUSES } from '../../domain/tickets/ticket-values.ts';

export const reportQuery = z.object({
  from: z.iso.date().optional().describe('first day of the period (inclusive), in the report time zone; default 29 days before `to`'),
  to: z.iso.date().optional().describe('last day of the period (inclusive); default today'),
  department: z.coerce.number().int().positive().optional().describe('a department id'),
  agent: z.string().uuid().optional().describe('a user id: only tickets assigned to them'),
  format: z.enum(['json', 'csv']).default('json').describe('csv: a spreadsheet-safe CSV download'),
});

const percentiles = z.object({ median: z.number().nullable(), p90: z.number().nullable() });

export const countersSchema = z.object({
  counts: z.object(Object.fromEntries(STATUSES.map((s) => [s, z.number().int()])) as Record<(typeof STATUSES)[number], z.ZodNumber>),
  unassigned: z.number().int(), mine: z.number().int(),
}).meta({ id: 'ReportCounters' });

export const summarySchema = z.object({
  period: z.object({ from: z.string(), to: z.string() }),
  created: z.number().int(), solved: z.number().int(),
  first_response_minutes: percentiles, resolution_minutes: percentiles,
  sla: z.object({ met: z.number().int(), breached: z.number().int(), compliance: z.number().nullable() }),
  csat: z.object({ ratings: z.number().int(), positive: z.number().int(), score: z.number().nullable(), average: z.number().nullable() }),
  backlog_age: z.array(z.object({ bucket: z.enum(BACKLOG_BUCKETS.map(([b]) => b) as [string, ...string[]]), count: z.number().int() })),
}).meta({ id: 'ReportSummary' });

export const createdVsSolvedQuery = reportQuery.extend({ interval: z.enum(INTERVALS).default('day') });
export const createdVsSolvedSchema = z.object({
  interval: z.enum(INTERVALS),
  series: z.array(z.object({ date: z.string(), created: z.number().int(), solved: z.number().int() })),
}).meta({ id: 'ReportCreatedVsSolved' });

export const distributionQuery = reportQuery.extend({ by: z.enum(DISTRIBUTIONS).default('status') });
export const distributionSchema = z.object({
  by: z.enum(DISTRIBUTIONS),
  rows: z.array(z.object({ key: z.string().nullable(), label: z.string(), count: z.number().int() })),
}).meta({ id: 'ReportDistribution' });

export const agentsReportSchema = z.object({
  rows: z.array(z.object({
    agent_id: z.string(), name: z.string(), email: z.string(), assigned: z.number().int(), solved: z.number().int(),
    first_response_median_minutes: z.number().nullable(), resolution_median_minutes: z.number().nullable(), csat_score: z.number().nullable(),
  })),
}).meta({ id: 'ReportAgents' });
