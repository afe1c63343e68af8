/**
 * The reports API (docs/reports.md): queue counters, summary, created vs. solved,
 * distribution, agents, each as JSON or CSV; and the CSV export of the ticket list.
 */
import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { agentsReport } from '../../domain/reports/agents-report.ts';
import { countQueue } from '../../domain/reports/count-queue.ts';
import { createdVsSolvedReport } from '../../domain/reports/created-vs-solved-report.ts';
import { distributionReport } from '../../domain/reports/distribution-report.ts';
import { exportTicketsCsv } from '../../domain/reports/export-tickets-csv.ts';
import { agentsCsv, countersCsv, createdVsSolvedCsv, distributionCsv, summaryCsv } from '../../domain/reports/reports-csv.ts';
import { summaryReport } from '../../domain/reports/summary-report.ts';
import { resolveTicketFilters } from '../../domain/tickets/ticket-list-filters.ts';
import { errorResponses } from '../schemas/common.schema.ts';
import {
  agentsReportSchema, countersSchema, createdVsSolvedQuery, createdVsSolvedSchema, distributionQuery, distributionSchema, reportQuery, summarySchema,
} from '../schemas/reports.schema.ts';
import { ticketListFilters } from '../schemas/tickets.schema.ts';

const BASE = '/tickets/api/reports';
const CSV_NOTE = ' With `format=csv`: the same figures as a text/csv attachment.';

/** The query's filters as the domain names them. */
const filtersOf = (q: { from?: string; to?: string; department?: number; agent?: string }) =>
  ({ from: q.from, to: q.to, departmentId: q.department, agentId: q.agent });

function sendCsv(reply: FastifyReply, name: string, body: string | Readable) {
  return reply.type('text/csv; charset=utf-8')
    .header('Content-Disposition', `attachment; filename="${name}.csv"`)
    .header('Cache-Control', 'no-store')
    .send(body);
}

export function reportsRoutes() {
  return async (app: FastifyInstance) => {
    const r = app.withTypeProvider<ZodTypeProvider>();

    r.get(`${BASE}/counters/`, {
      schema: { tags: ['reports'], summary: `Current ticket counts per status, unassigned and mine (maintained counters).${CSV_NOTE}`, querystring: reportQuery, response: { 200: countersSchema, ...errorResponses } },
    }, async (request, reply) => {
      const counts = await countQueue(request.ctx(), filtersOf(request.query));
      return request.query.format === 'csv' ? sendCsv(reply, 'counters', countersCsv(counts)) : counts;
    });

    r.get(`${BASE}/summary/`, {
      schema: { tags: ['reports'], summary: `Volumes, response and resolution times, SLA, CSAT and backlog age over a period.${CSV_NOTE}`, querystring: reportQuery, response: { 200: summarySchema, ...errorResponses } },
    }, async (request, reply) => {
      const s = await summaryReport(request.ctx(), filtersOf(request.query));
      return request.query.format === 'csv' ? sendCsv(reply, `summary-${s.period.from}-${s.period.to}`, summaryCsv(s)) : s;
    });

    r.get(`${BASE}/created-vs-solved/`, {
      schema: { tags: ['reports'], summary: `Tickets created and solved per day, week or month.${CSV_NOTE}`, querystring: createdVsSolvedQuery, response: { 200: createdVsSolvedSchema, ...errorResponses } },
    }, async (request, reply) => {
      const q = request.query;
      const s = await createdVsSolvedReport(request.ctx(), { ...filtersOf(q), interval: q.interval });
      return q.format === 'csv' ? sendCsv(reply, `created-vs-solved-${q.interval}`, createdVsSolvedCsv(s)) : s;
    });

    r.get(`${BASE}/distribution/`, {
      schema: { tags: ['reports'], summary: `Tickets created in a period, counted by a field.${CSV_NOTE}`, querystring: distributionQuery, response: { 200: distributionSchema, ...errorResponses } },
    }, async (request, reply) => {
      const q = request.query;
      const d = await distributionReport(request.ctx(), { ...filtersOf(q), by: q.by });
      return q.format === 'csv' ? sendCsv(reply, `distribution-${q.by}`, distributionCsv(d)) : d;
    });

    r.get(`${BASE}/agents/`, {
      schema: { tags: ['reports'], summary: `Figures per agent over a period.${CSV_NOTE}`, querystring: reportQuery, response: { 200: agentsReportSchema, ...errorResponses } },
    }, async (request, reply) => {
      const a = await agentsReport(request.ctx(), filtersOf(request.query));
      return request.query.format === 'csv' ? sendCsv(reply, 'agents', agentsCsv(a)) : a;
    });

    r.get('/tickets/api/tickets/export.csv', {
      schema: {
        tags: ['reports'], summary: 'Export the tickets matching the ticket list filters as CSV (streamed)', querystring: ticketListFilters,
        response: { 200: z.string().describe('text/csv; charset=utf-8'), ...errorResponses },
      },
    }, async (request, reply) => {
      const ctx = request.ctx();
      const { sort, ...filters } = request.query;
      const lines = exportTicketsCsv(ctx, await resolveTicketFilters(ctx, filters), sort);
      return sendCsv(reply, 'tickets', Readable.from(lines));
    });
  };
}
