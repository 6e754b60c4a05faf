// 评定星级 (by the level above): the org, the year, a score per scorecard item; the total and the stars show as the
// user types, by the same rule the server applies.
import { type Scorecard, STAR_LABELS, scoreRating } from '@grassroots/domain';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Form, Input, InputNumber, Rate, Space, Typography } from 'antd';
import { useState } from 'react';
import { FormDrawer, useSaveErrors } from '../../ui/form-drawer';
import { ErrorState, PageLoading } from '../../ui/query-states';
import { OrgTreeSelect } from '../orgs/org-tree-select.component';
import {
  createStarRating,
  fetchScorecard,
  type StarRating,
  starRatingKeys,
  updateStarRating,
} from './star-ratings.api';

interface Values {
  orgId: number;
  year: number;
  scores: Record<string, number | null>;
  note: string | null;
}

const FIELDS = ['orgId', 'year', 'scores', 'note'];
const STALE_FIELDS = [
  { name: 'total', label: '总分' },
  { name: 'starsLabel', label: '星级' },
];

function ScoreSummary({ card, scores }: { card: Scorecard; scores: Values['scores'] | undefined }) {
  const given = Object.fromEntries(Object.entries(scores ?? {}).filter(([, v]) => typeof v === 'number')) as Record<
    string,
    number
  >;
  const { total, stars } = scoreRating(card, given);
  return (
    <Space>
      <Typography.Text>合计 {total} 分</Typography.Text>
      <Rate disabled value={stars} />
      <Typography.Text strong>{STAR_LABELS[stars]}</Typography.Text>
    </Space>
  );
}

export function StarRatingFormDrawer({
  rating,
  year,
  scopeOrgId,
  onClose,
}: {
  rating: StarRating | null;
  year: number;
  scopeOrgId: number;
  onClose: () => void;
}) {
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [base, setBase] = useState<StarRating | null>(rating);
  const [orgId, setOrgId] = useState<number | null>(rating?.orgId ?? null);
  const errors = useSaveErrors<StarRating>(form, FIELDS);
  // A new rating uses the scorecard in force for the chosen org; an existing one keeps its own.
  const scorecard = useQuery({
    queryKey: starRatingKeys.scorecard(orgId ?? scopeOrgId),
    queryFn: () => fetchScorecard(orgId ?? scopeOrgId),
    enabled: !rating,
  });
  const card: Scorecard | undefined = rating ? rating.scorecard : scorecard.data;
  const scores = Form.useWatch('scores', form);
  const mutation = useMutation({
    mutationFn: (v: Values) => {
      const s = Object.fromEntries(Object.entries(v.scores).filter(([, n]) => typeof n === 'number')) as Record<
        string,
        number
      >;
      return base
        ? updateStarRating(base.id, { scores: s, note: v.note, version: base.version })
        : createStarRating({ orgId: v.orgId, year: v.year, scores: s, note: v.note });
    },
    onSuccess: (saved) => {
      void queryClient.invalidateQueries({ queryKey: starRatingKeys.all });
      message.success(`已评定为${saved.starsLabel}（${saved.total}分）`);
      onClose();
    },
    onError: (e, v) => errors.fail(e, { ...v }),
  });
  return (
    <FormDrawer<StarRating, Values>
      title={rating ? `修改评分：${rating.orgName}` : '评定星级'}
      width={560}
      form={form}
      saving={mutation.isPending}
      submitTestId="star-rating-submit"
      errors={errors}
      staleFields={STALE_FIELDS}
      onClose={onClose}
      initialValues={
        rating ? { orgId: rating.orgId, year: rating.year, scores: rating.scores, note: rating.note } : { year }
      }
      onFinish={(v) => mutation.mutate(v)}
      valuesOf={(current) => ({ scores: current.scores, note: current.note })}
      onReload={setBase}
    >
      {!card && scorecard.isError ? (
        <ErrorState error={scorecard.error} onRetry={() => void scorecard.refetch()} />
      ) : !card ? (
        <PageLoading rows={4} />
      ) : (
        <>
          <Space size={16} wrap>
            <Form.Item
              name="orgId"
              label="党组织"
              rules={[{ required: true, message: '请选择党组织' }]}
              style={{ minWidth: 300 }}
            >
              <OrgTreeSelect
                labelHint={rating?.orgName}
                isDisabled={(o) => o.closedAt !== null || Boolean(rating)}
                // Form.Item still records the value; this picks the scorecard in force for the org.
                onChange={setOrgId}
              />
            </Form.Item>
            <Form.Item name="year" label="年度" rules={[{ required: true, message: '请填写年度' }]}>
              <InputNumber min={2000} max={2100} precision={0} disabled={Boolean(rating)} style={{ width: 110 }} />
            </Form.Item>
          </Space>
          {card.items.map((item) => (
            <Form.Item
              key={item.key}
              name={['scores', item.key]}
              label={`${item.label}（满分${item.maxPoints}分）`}
              rules={[{ required: true, message: `请为“${item.label}”打分` }]}
            >
              <InputNumber min={0} max={item.maxPoints} step={0.5} style={{ width: 140 }} />
            </Form.Item>
          ))}
          <div style={{ marginBottom: 16 }}>
            <ScoreSummary card={card} scores={scores} />
          </div>
          <Form.Item name="note" label="评定意见">
            <Input.TextArea rows={2} maxLength={1000} />
          </Form.Item>
        </>
      )}
    </FormDrawer>
  );
}
