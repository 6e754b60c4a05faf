// Small breakdowns of the subtree's members (gender, education, age band, occupation) as bars.
import {
  AGE_BAND_LABELS,
  AGE_BANDS,
  EDUCATION_LABELS,
  EDUCATIONS,
  GENDER_LABELS,
  GENDERS,
  OCCUPATION_LABELS,
  OCCUPATIONS,
} from '@grassroots/domain';
import { Card, Col, Empty, Progress, Row, Tooltip, Typography } from 'antd';
import { percent } from '../../ui/format';
import type { MemberBreakdown } from './orgs.api';

function Bars<K extends string>({
  keys,
  labels,
  counts,
  total,
  color,
}: {
  keys: readonly K[];
  labels: Record<K, string>;
  counts: Record<K, number>;
  total: number;
  color: string;
}) {
  return (
    <div>
      {keys.map((k) => (
        <div key={k} style={{ display: 'flex', alignItems: 'center', gap: 8, lineHeight: '22px' }}>
          <span
            style={{
              width: 96,
              flex: 'none',
              fontSize: 13,
              color: 'rgba(0,0,0,0.65)',
              whiteSpace: 'nowrap',
              overflow: 'hidden',
              textOverflow: 'ellipsis',
            }}
            title={labels[k]}
          >
            {labels[k]}
          </span>
          <Tooltip title={`${labels[k]}：${counts[k]}人（${percent(counts[k], total)}%）`}>
            <Progress
              percent={percent(counts[k], total)}
              showInfo={false}
              size="small"
              strokeColor={color}
              style={{ flex: 1, margin: 0 }}
            />
          </Tooltip>
          <span
            style={{
              width: 112,
              flex: 'none',
              textAlign: 'right',
              fontSize: 12,
              whiteSpace: 'nowrap',
              fontVariantNumeric: 'tabular-nums',
            }}
          >
            {counts[k].toLocaleString('zh-CN')}人 {percent(counts[k], total)}%
          </span>
        </div>
      ))}
    </div>
  );
}

export function MemberBreakdownCards({ members, asOf }: { members: MemberBreakdown; asOf: string }) {
  if (members.total === 0) {
    return (
      <Card title="党员结构" size="small">
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="本组织及下级暂无党员" />
      </Card>
    );
  }
  const women = percent(members.byGender.female, members.total);
  const college = percent(
    members.byEducation.postgraduate + members.byEducation.bachelor + members.byEducation.associate,
    members.total,
  );
  return (
    <Card
      title="党员结构"
      size="small"
      extra={<Typography.Text type="secondary">统计截至 {asOf}（含下级组织）</Typography.Text>}
    >
      <Row gutter={[24, 16]}>
        <Col xs={24} md={12}>
          <Typography.Title level={5} style={{ fontSize: 14 }}>
            性别 <Typography.Text type="secondary">女性占 {women}%</Typography.Text>
          </Typography.Title>
          <Bars keys={GENDERS} labels={GENDER_LABELS} counts={members.byGender} total={members.total} color="#c8102e" />
          <Typography.Title level={5} style={{ fontSize: 14, marginTop: 16 }}>
            学历 <Typography.Text type="secondary">大专及以上 {college}%</Typography.Text>
          </Typography.Title>
          <Bars
            keys={EDUCATIONS}
            labels={EDUCATION_LABELS}
            counts={members.byEducation}
            total={members.total}
            color="#1d5fbf"
          />
        </Col>
        <Col xs={24} md={12}>
          <Typography.Title level={5} style={{ fontSize: 14 }}>
            年龄
          </Typography.Title>
          <Bars
            keys={AGE_BANDS}
            labels={AGE_BAND_LABELS}
            counts={members.byAgeBand}
            total={members.total}
            color="#d48806"
          />
        </Col>
        <Col xs={24}>
          <Typography.Title level={5} style={{ fontSize: 14 }}>
            职业
          </Typography.Title>
          <Row gutter={24}>
            <Col xs={24} md={12}>
              <Bars
                keys={OCCUPATIONS.slice(0, 4)}
                labels={OCCUPATION_LABELS}
                counts={members.byOccupation}
                total={members.total}
                color="#389e0d"
              />
            </Col>
            <Col xs={24} md={12}>
              <Bars
                keys={OCCUPATIONS.slice(4)}
                labels={OCCUPATION_LABELS}
                counts={members.byOccupation}
                total={members.total}
                color="#389e0d"
              />
            </Col>
          </Row>
        </Col>
      </Row>
    </Card>
  );
}
