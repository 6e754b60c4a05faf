import type {
  ScorecardItem,
  Stars,
  StarThresholds,
  TScorecardSave,
  TStarRatingCreate,
  TStarRatingListQuery,
  TStarRatingUpdate,
} from '@grassroots/domain';
import { apiFetch } from '../../app/api-client';

export interface ScorecardView {
  orgId: number;
  ownerOrgId: number | null;
  ownerOrgName: string | null;
  isDefault: boolean;
  items: ScorecardItem[];
  thresholds: StarThresholds;
  maxTotal: number;
  version: number | null;
  editable: boolean;
}

export interface StarRating {
  id: number;
  orgId: number;
  orgName: string;
  year: number;
  scorecard: { items: ScorecardItem[]; thresholds: StarThresholds; maxTotal: number };
  scores: Record<string, number>;
  total: number;
  stars: Stars;
  starsLabel: string;
  note: string | null;
  ratedByName: string;
  version: number;
}

export type StarRatingListQuery = Omit<TStarRatingListQuery, 'orgId'> & { orgId: number };

export const starRatingKeys = {
  all: ['star-ratings'] as const,
  list: (q: StarRatingListQuery) => ['star-ratings', 'list', q] as const,
  scorecard: (orgId: number) => ['star-ratings', 'scorecard', orgId] as const,
};

export const fetchScorecard = (orgId: number) =>
  apiFetch<ScorecardView>('/api/star-ratings/scorecard', { query: { orgId } });
export const saveScorecard = (input: TScorecardSave) =>
  apiFetch<ScorecardView>('/api/star-ratings/scorecard', { method: 'PUT', body: input });
export const fetchStarRatings = (q: StarRatingListQuery, signal?: AbortSignal) =>
  apiFetch<{
    items: StarRating[];
    total: number;
    page: number;
    pageSize: number;
    distribution: Record<Stars, number>;
    rated: number;
  }>('/api/star-ratings', { query: { ...q }, signal });
export const createStarRating = (input: TStarRatingCreate) =>
  apiFetch<StarRating>('/api/star-ratings', { method: 'POST', body: input });
export const updateStarRating = (id: number, input: TStarRatingUpdate) =>
  apiFetch<StarRating>(`/api/star-ratings/${id}`, { method: 'PATCH', body: input });
