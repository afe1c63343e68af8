/** The dashboard's reads, one query per report, under ['reports', …]; a changed filter keeps the last figures on screen until the new ones come. */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import {
  fetchAgents, fetchCounters, fetchCreatedVsSolved, fetchDistribution, fetchSummary, type DistributionBy, type Interval, type ReportScope,
} from '../../api/reports.ts';

const scopeKey = (s: ReportScope) => [s.from, s.to, s.department ?? '', s.agent ?? ''];
const common = { placeholderData: keepPreviousData, staleTime: 60_000 } as const;

/** The queue as it stands (no period): re-read every minute while the page is open. */
export function useCounters(scope: ReportScope) {
  return useQuery({
    queryKey: ['reports', 'counters', scope.department ?? '', scope.agent ?? ''], ...common, staleTime: 15_000, refetchInterval: 60_000,
    queryFn: () => fetchCounters(scope),
  });
}

export const useSummary = (scope: ReportScope) =>
  useQuery({ queryKey: ['reports', 'summary', ...scopeKey(scope)], ...common, queryFn: () => fetchSummary(scope) });

export const useCreatedVsSolved = (scope: ReportScope, interval: Interval) =>
  useQuery({ queryKey: ['reports', 'created-vs-solved', interval, ...scopeKey(scope)], ...common, queryFn: () => fetchCreatedVsSolved(scope, interval) });

export const useDistribution = (scope: ReportScope, by: DistributionBy) =>
  useQuery({ queryKey: ['reports', 'distribution', by, ...scopeKey(scope)], ...common, queryFn: () => fetchDistribution(scope, by) });

export const useAgentsReport = (scope: ReportScope, enabled: boolean) =>
  useQuery({ queryKey: ['reports', 'agents', ...scopeKey(scope)], ...common, enabled, queryFn: () => fetchAgents(scope) });
