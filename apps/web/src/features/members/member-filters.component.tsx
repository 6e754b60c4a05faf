// The member list's filter bar: a search box always visible, every other filter of the API behind 「展开筛选」.
import { DownOutlined, SearchOutlined, UpOutlined } from '@ant-design/icons';
import {
  AGE_BAND_LABELS,
  AGE_BANDS,
  EDUCATION_LABELS,
  EDUCATIONS,
  ETHNICITIES,
  GENDER_LABELS,
  GENDERS,
  MEMBER_FLAG_LABELS,
  MEMBER_FLAGS,
  MEMBER_STATUS_LABELS,
  MEMBER_STATUSES,
  OCCUPATION_LABELS,
  OCCUPATIONS,
} from '@grassroots/domain';
import { Badge, Button, Col, Input, Row, Select } from 'antd';
import { useEffect, useState } from 'react';

export const FILTER_KEYS = [
  'status',
  'gender',
  'ethnicity',
  'education',
  'occupation',
  'ageBand',
  'flag',
  'inTransfer',
] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];
export type FilterValues = Partial<Record<FilterKey | 'q', string>>;

const options = <K extends string>(keys: readonly K[], labels: Record<K, string>) =>
  keys.map((k) => ({ value: k, label: labels[k] }));

const FILTERS: Array<{ key: FilterKey; label: string; options: Array<{ value: string; label: string }> }> = [
  { key: 'status', label: '党员类别', options: options(MEMBER_STATUSES, MEMBER_STATUS_LABELS) },
  { key: 'gender', label: '性别', options: options(GENDERS, GENDER_LABELS) },
  { key: 'ethnicity', label: '民族', options: ETHNICITIES.map((e) => ({ value: e, label: e })) },
  { key: 'education', label: '学历', options: options(EDUCATIONS, EDUCATION_LABELS) },
  { key: 'occupation', label: '职业类别', options: options(OCCUPATIONS, OCCUPATION_LABELS) },
  { key: 'ageBand', label: '年龄段', options: options(AGE_BANDS, AGE_BAND_LABELS) },
  { key: 'flag', label: '标记', options: options(MEMBER_FLAGS, MEMBER_FLAG_LABELS) },
  {
    key: 'inTransfer',
    label: '转接状态',
    options: [
      { value: 'true', label: '转接中' },
      { value: 'false', label: '非转接中' },
    ],
  },
];

export function MemberFilters({
  values,
  onChange,
  extra,
}: {
  values: FilterValues;
  onChange: (changes: FilterValues) => void;
  extra?: React.ReactNode;
}) {
  const active = FILTER_KEYS.filter((k) => values[k]).length;
  const [open, setOpen] = useState(active > 0);
  const [text, setText] = useState(values.q ?? '');
  useEffect(() => setText(values.q ?? ''), [values.q]);

  return (
    <div>
      <Row gutter={[8, 8]} align="middle">
        <Col flex="1 1 240px">
          <Input.Search
            allowClear
            value={text}
            onChange={(e) => {
              setText(e.target.value);
              if (e.target.value === '' && values.q) onChange({ q: undefined });
            }}
            onSearch={(v) => onChange({ q: v.trim() || undefined })}
            placeholder="姓名或拼音首字母，如 zs"
            enterButton={<SearchOutlined />}
            maxLength={50}
            data-testid="member-search"
            aria-label="搜索党员"
          />
        </Col>
        <Col flex="none">
          <Badge count={active} size="small" offset={[-4, 2]}>
            <Button
              onClick={() => setOpen(!open)}
              icon={open ? <UpOutlined /> : <DownOutlined />}
              data-testid="member-filters-toggle"
            >
              {open ? '收起筛选' : '展开筛选'}
            </Button>
          </Badge>
        </Col>
        {active > 0 ? (
          <Col flex="none">
            <Button type="link" onClick={() => onChange(Object.fromEntries(FILTER_KEYS.map((k) => [k, undefined])))}>
              清除筛选
            </Button>
          </Col>
        ) : null}
        {extra ? <Col flex="none">{extra}</Col> : null}
      </Row>
      {open ? (
        <Row gutter={[12, 8]} style={{ marginTop: 12 }}>
          {FILTERS.map((f) => (
            <Col key={f.key} xs={12} sm={8} md={6} xl={3}>
              <div style={{ fontSize: 12, color: 'rgba(0,0,0,0.55)', marginBottom: 2 }}>{f.label}</div>
              <Select
                allowClear
                showSearch={f.key === 'ethnicity'}
                placeholder="全部"
                value={values[f.key] ?? null}
                options={f.options}
                onChange={(v: string | null | undefined) => onChange({ [f.key]: v ?? undefined })}
                style={{ width: '100%' }}
                aria-label={f.label}
                popupMatchSelectWidth={false}
              />
            </Col>
          ))}
        </Row>
      ) : null}
    </div>
  );
}
