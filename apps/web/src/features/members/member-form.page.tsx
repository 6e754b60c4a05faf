// 新增/编辑党员: field checks from the domain schema as the user types, the record rules (ID check digit, birth
// date and gender against the ID number, join age, full-membership date) before sending, the server's field
// errors on the same fields after, and the 「该记录已被他人修改」 dialog on a stale version.
import {
  EDUCATION_LABELS,
  EDUCATIONS,
  ETHNICITIES,
  GENDER_LABELS,
  GENDERS,
  MEMBER_FLAG_LABELS,
  MEMBER_FLAGS,
  MEMBER_STATUS_LABELS,
  MEMBER_STATUSES,
  memberRecordErrors,
  OCCUPATION_LABELS,
  OCCUPATIONS,
  parseIdNumber,
  type TMemberCreate,
  type TMemberUpdate,
  todayIso,
  ZMemberFields,
  ZTransferIn,
} from '@grassroots/domain';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Col,
  DatePicker,
  Form,
  Input,
  Radio,
  Row,
  Select,
  Space,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useRef, useState } from 'react';
import { Link, useBlocker, useNavigate, useParams } from 'react-router';
import { ApiError, errorMessage } from '../../app/api-client';
import { useAuth } from '../../app/auth-context';
import { scopedHref, useSelectedOrgId } from '../../app/org-scope';
import { applyServerFieldErrors } from '../../ui/form-errors';
import { fromIsoDate, toIsoDate } from '../../ui/format';
import { PageHeader } from '../../ui/page-header';
import { ErrorState, PageLoading } from '../../ui/query-states';
import { StaleVersionModal } from '../../ui/stale-version.modal';
import { emptyToNull, zodRule } from '../../ui/zod-rule';
import { formatAuditValue } from '../audit/audit-labels';
import { OrgTreeSelect } from '../orgs/org-tree-select.component';
import { orgKeys } from '../orgs/orgs.api';
import { orgChainOf, useOrg } from '../orgs/orgs.hooks';
import { createMember, fetchMember, type Member, memberKeys, transferIn, updateMember } from './members.api';

interface MemberFormValues {
  orgId?: number | null;
  name: string;
  gender?: Member['gender'];
  ethnicity?: Member['ethnicity'];
  idNumber?: string;
  birthDate?: Dayjs | null;
  education?: Member['education'];
  occupation?: Member['occupation'];
  status?: Member['status'];
  joinedOn?: Dayjs | null;
  fullOn?: Dayjs | null;
  phone?: string;
  address?: string;
  flags?: Member['flags'];
  // 从系统外转入: the letter the member came with.
  letterNo?: string;
  originOrg?: string;
  originRegion?: string;
  transferDate?: Dayjs | null;
  reason?: string;
}

const FIELDS = [
  'orgId',
  'name',
  'gender',
  'ethnicity',
  'idNumber',
  'birthDate',
  'education',
  'occupation',
  'status',
  'joinedOn',
  'fullOn',
  'phone',
  'address',
  'flags',
  'letterNo',
  'originOrg',
  'originRegion',
  'transferDate',
  'reason',
] as const;
type Field = (typeof FIELDS)[number];

const LABELS: Record<Field, string> = {
  orgId: '所在组织',
  name: '姓名',
  gender: '性别',
  ethnicity: '民族',
  idNumber: '身份证号码',
  birthDate: '出生日期',
  education: '学历',
  occupation: '职业类别',
  status: '党员类别',
  joinedOn: '入党时间',
  fullOn: '转正时间',
  phone: '联系电话',
  address: '家庭住址',
  flags: '标记',
  letterNo: '介绍信编号',
  originOrg: '原党组织',
  originRegion: '原所在地区',
  transferDate: '转入日期',
  reason: '转入原因',
};

const text = (s: string | undefined) => (s?.trim() ? s.trim() : null);

function valuesOf(m: Member): MemberFormValues {
  return {
    orgId: m.orgId,
    name: m.name,
    gender: m.gender,
    ethnicity: m.ethnicity,
    idNumber: '',
    birthDate: fromIsoDate(m.birthDate),
    education: m.education,
    occupation: m.occupation,
    status: m.status,
    joinedOn: fromIsoDate(m.joinedOn),
    fullOn: fromIsoDate(m.fullOn),
    phone: '',
    address: m.address ?? '',
    flags: m.flags,
  };
}

/** The record as the API takes it (ID number and phone only when typed: they are never shown unmasked here). */
function recordOf(v: MemberFormValues) {
  return {
    name: v.name.trim(),
    gender: v.gender!,
    ethnicity: v.ethnicity!,
    idNumber: text(v.idNumber)?.toUpperCase() ?? null,
    birthDate: toIsoDate(v.birthDate) ?? '',
    education: v.education!,
    occupation: v.occupation!,
    status: v.status!,
    joinedOn: toIsoDate(v.joinedOn) ?? '',
    fullOn: v.status === 'full' ? toIsoDate(v.fullOn) : null,
    phone: text(v.phone),
    address: text(v.address),
    flags: v.flags ?? [],
  };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
const disabledFuture = (d: Dayjs) => d.isAfter(dayjs(), 'day');

function MemberForm({
  mode,
  member,
  defaultOrgId,
}: {
  mode: 'create' | 'edit' | 'transfer-in';
  member?: Member;
  defaultOrgId: number | null;
}) {
  const [form] = Form.useForm<MemberFormValues>();
  const navigate = useNavigate();
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();
  const [base, setBase] = useState<Member | undefined>(member);
  const [formError, setFormError] = useState<string | null>(null);
  const [stale, setStale] = useState<{ current: Member; mine: Record<string, unknown> } | null>(null);
  const [dirty, setDirty] = useState(false);
  // A ref, not state: the navigation right after a save must already see it (state would lag one render).
  const saved = useRef(false);
  const status = Form.useWatch('status', form);
  const orgId = Form.useWatch('orgId', form);
  const creating = mode !== 'edit';
  const targetOrg = useOrg(creating ? orgId : member?.orgId);

  // Leaving with unsaved changes asks first.
  const blocker = useBlocker(
    ({ currentLocation, nextLocation }) =>
      dirty && !saved.current && currentLocation.pathname !== nextLocation.pathname,
  );
  useEffect(() => {
    if (blocker.state !== 'blocked') return;
    modal.confirm({
      title: '离开此页面？',
      content: '您填写的内容尚未保存，离开后将丢失。',
      okText: '离开',
      cancelText: '留在此页',
      onOk: () => blocker.proceed(),
      onCancel: () => blocker.reset(),
    });
  }, [blocker, modal]);

  const mutation = useMutation({
    mutationFn: async (v: MemberFormValues) => {
      const r = recordOf(v);
      if (creating) {
        const input: TMemberCreate = { ...r, idNumber: r.idNumber ?? '', orgId: v.orgId! };
        if (mode === 'create') return createMember(input);
        const arrived = await transferIn({
          ...input,
          letterNo: v.letterNo?.trim() ?? '',
          originOrg: v.originOrg?.trim() ?? '',
          originRegion: text(v.originRegion),
          transferDate: toIsoDate(v.transferDate) ?? '',
          reason: text(v.reason),
        });
        return arrived.member;
      }
      const before = recordOf(valuesOf(base!));
      const patch: TMemberUpdate = { version: base!.version };
      for (const k of Object.keys(r) as Array<keyof typeof r>) {
        if (k === 'idNumber' || k === 'phone') continue;
        if (!same(r[k], before[k])) Object.assign(patch, { [k]: r[k] });
      }
      if (r.idNumber) patch.idNumber = r.idNumber;
      if (r.phone) patch.phone = r.phone;
      return updateMember(base!.id, patch);
    },
    onSuccess: (m) => {
      saved.current = true;
      void queryClient.invalidateQueries({ queryKey: memberKeys.all });
      void queryClient.invalidateQueries({ queryKey: orgKeys.all });
      message.success(
        mode === 'create' ? `已登记党员 ${m.name}` : mode === 'transfer-in' ? `已转入党员 ${m.name}` : '已保存',
      );
      navigate(`/members/${m.id}`, { replace: mode === 'edit' });
    },
    onError: (e, v) => {
      if (e instanceof ApiError && e.code === 'STALE_VERSION' && e.current) {
        setStale({ current: e.current as Member, mine: { ...recordOf(v) } });
        return;
      }
      const rest = applyServerFieldErrors(form, e, FIELDS as unknown as string[]);
      setFormError(rest.length ? rest.join('；') : e instanceof ApiError && e.fields ? null : errorMessage(e));
    },
  });

  const submit = (v: MemberFormValues) => {
    setFormError(null);
    const r = recordOf(v);
    // The record rules, as the server runs them (when the ID number is at hand).
    if (r.idNumber) {
      const errors = memberRecordErrors({ ...r, idNumber: r.idNumber }, todayIso());
      const entries = Object.entries(errors);
      if (entries.length) {
        form.setFields(entries.map(([name, msg]) => ({ name: name as Field, errors: [msg] })));
        form.scrollToField(entries[0]![0] as Field, { block: 'center' });
        return;
      }
    }
    mutation.mutate(v);
  };

  const onIdNumberBlur = () => {
    const raw = form.getFieldValue('idNumber') as string | undefined;
    if (!raw?.trim()) return;
    const parsed = parseIdNumber(raw, todayIso());
    if (!parsed.ok) return;
    const cur = form.getFieldsValue(['birthDate', 'gender']);
    const fill: Partial<MemberFormValues> = {};
    if (!cur.birthDate) fill.birthDate = fromIsoDate(parsed.value.birthDate);
    if (!cur.gender) fill.gender = parsed.value.gender;
    form.setFieldsValue({ ...fill, idNumber: parsed.value.idNumber });
    void form.validateFields(['birthDate', 'gender']).catch(() => undefined);
  };

  // birth date and gender must agree with a typed ID number
  const agreesWithId =
    (field: 'birthDate' | 'gender') =>
    ({ getFieldValue }: { getFieldValue: (n: string) => unknown }) => ({
      validator: async (_: unknown, value: unknown) => {
        const raw = getFieldValue('idNumber') as string | undefined;
        if (!raw?.trim() || !value) return;
        const parsed = parseIdNumber(raw, todayIso());
        if (!parsed.ok) return;
        if (field === 'birthDate' && (value as Dayjs).format('YYYY-MM-DD') !== parsed.value.birthDate) {
          throw new Error(`出生日期与身份证号码不一致（身份证为${parsed.value.birthDate}）`);
        }
        if (field === 'gender' && value !== parsed.value.gender) {
          throw new Error(`性别与身份证号码不一致（身份证为${GENDER_LABELS[parsed.value.gender]}）`);
        }
      },
    });

  const initial: Partial<MemberFormValues> =
    mode === 'edit' && member
      ? valuesOf(member)
      : {
          orgId: defaultOrgId,
          ethnicity: '汉族',
          status: mode === 'transfer-in' ? 'full' : 'probationary',
          flags: [],
          gender: undefined,
        };

  return (
    <>
      {formError ? <Alert type="error" showIcon message={formError} style={{ marginBottom: 16 }} closable /> : null}
      <Form<MemberFormValues>
        form={form}
        layout="vertical"
        initialValues={initial}
        onFinish={submit}
        onValuesChange={() => setDirty(true)}
        disabled={mutation.isPending}
        scrollToFirstError
      >
        <Card size="small" title="基本信息" style={{ marginBottom: 16 }}>
          <Row gutter={16}>
            <Col xs={24} sm={12} lg={6}>
              <Form.Item name="name" label="姓名" required rules={[zodRule(ZMemberFields.shape.name)]}>
                <Input maxLength={50} autoComplete="off" data-testid="member-form-name" />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12} lg={10}>
              <Form.Item
                name="idNumber"
                label="身份证号码"
                required={creating}
                extra={
                  mode === 'edit'
                    ? `当前：${member?.idNumberMasked}。不修改请留空`
                    : '18位，填写后自动带出出生日期和性别'
                }
                validateFirst
                rules={[
                  {
                    validator: async (_, v: string | undefined) => {
                      if (!v?.trim()) {
                        if (creating) throw new Error('请填写身份证号码');
                        return;
                      }
                      const r = parseIdNumber(v, todayIso());
                      if (!r.ok) throw new Error(r.message);
                    },
                  },
                ]}
              >
                <Input
                  maxLength={18}
                  autoComplete="off"
                  onBlur={onIdNumberBlur}
                  placeholder={mode === 'edit' ? '不修改请留空' : undefined}
                  style={{ fontFamily: 'monospace' }}
                  data-testid="member-form-id-number"
                />
              </Form.Item>
            </Col>
            <Col xs={12} sm={12} lg={4}>
              <Form.Item
                name="gender"
                label="性别"
                required
                dependencies={['idNumber']}
                rules={[{ required: true, message: '请选择性别' }, agreesWithId('gender')]}
              >
                <Radio.Group options={GENDERS.map((g) => ({ value: g, label: GENDER_LABELS[g] }))} />
              </Form.Item>
            </Col>
            <Col xs={12} sm={12} lg={4}>
              <Form.Item name="ethnicity" label="民族" required rules={[{ required: true, message: '请选择民族' }]}>
                <Select showSearch options={ETHNICITIES.map((e) => ({ value: e, label: e }))} />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12} lg={6}>
              <Form.Item
                name="birthDate"
                label="出生日期"
                required
                dependencies={['idNumber']}
                rules={[{ required: true, message: '请选择出生日期' }, agreesWithId('birthDate')]}
              >
                <DatePicker style={{ width: '100%' }} disabledDate={disabledFuture} />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12} lg={6}>
              <Form.Item name="education" label="学历" required rules={[{ required: true, message: '请选择学历' }]}>
                <Select options={EDUCATIONS.map((e) => ({ value: e, label: EDUCATION_LABELS[e] }))} />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12} lg={6}>
              <Form.Item
                name="occupation"
                label="职业类别"
                required
                rules={[{ required: true, message: '请选择职业类别' }]}
              >
                <Select options={OCCUPATIONS.map((o) => ({ value: o, label: OCCUPATION_LABELS[o] }))} />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12} lg={6}>
              <Form.Item
                name="phone"
                label="联系电话"
                extra={mode === 'edit' ? `当前：${member?.phoneMasked ?? '未填写'}。不修改请留空` : undefined}
                rules={[zodRule(ZMemberFields.shape.phone, emptyToNull)]}
              >
                <Input maxLength={20} autoComplete="off" placeholder={mode === 'edit' ? '不修改请留空' : undefined} />
              </Form.Item>
            </Col>
            <Col xs={24}>
              <Form.Item name="address" label="家庭住址" rules={[zodRule(ZMemberFields.shape.address, emptyToNull)]}>
                <Input maxLength={200} />
              </Form.Item>
            </Col>
          </Row>
        </Card>
        <Card size="small" title="党籍信息" style={{ marginBottom: 16 }}>
          <Row gutter={16}>
            <Col xs={24} lg={12}>
              {mode === 'edit' ? (
                <Form.Item label="所在党组织" extra="变更所在组织请使用“组织关系转出”">
                  <Input disabled value={member?.orgName} />
                </Form.Item>
              ) : (
                <Form.Item
                  name="orgId"
                  label="所在党组织"
                  required
                  rules={[{ required: true, message: '请选择所在党组织' }]}
                >
                  <OrgTreeSelect labelHint={targetOrg.data?.name} isDisabled={(o) => o.closedAt !== null} />
                </Form.Item>
              )}
            </Col>
            <Col xs={24} sm={12} lg={12}>
              <Form.Item
                name="status"
                label="党员类别"
                required
                rules={[{ required: true, message: '请选择党员类别' }]}
              >
                <Radio.Group
                  optionType="button"
                  options={MEMBER_STATUSES.map((s) => ({ value: s, label: MEMBER_STATUS_LABELS[s] }))}
                />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12} lg={6}>
              <Form.Item
                name="joinedOn"
                label="入党时间"
                required
                rules={[{ required: true, message: '请选择入党时间' }]}
                extra="支部大会通过接收为预备党员的日期"
              >
                <DatePicker style={{ width: '100%' }} disabledDate={disabledFuture} />
              </Form.Item>
            </Col>
            {status === 'full' ? (
              <Col xs={24} sm={12} lg={6}>
                <Form.Item
                  name="fullOn"
                  label="转正时间"
                  required
                  dependencies={['joinedOn']}
                  rules={[
                    { required: true, message: '正式党员须填写转正时间' },
                    ({ getFieldValue }) => ({
                      validator: async (_, v: Dayjs | null) => {
                        const joined = getFieldValue('joinedOn') as Dayjs | null;
                        if (v && joined && v.isBefore(joined, 'day')) throw new Error('转正时间不能早于入党时间');
                      },
                    }),
                  ]}
                >
                  <DatePicker style={{ width: '100%' }} disabledDate={disabledFuture} />
                </Form.Item>
              </Col>
            ) : null}
            <Col xs={24} lg={12}>
              <Form.Item name="flags" label="标记">
                <Checkbox.Group options={MEMBER_FLAGS.map((f) => ({ value: f, label: MEMBER_FLAG_LABELS[f] }))} />
              </Form.Item>
            </Col>
          </Row>
        </Card>
        {mode === 'transfer-in' ? (
          <Card size="small" title="介绍信" style={{ marginBottom: 16 }}>
            <Row gutter={16}>
              <Col xs={24} sm={12} lg={6}>
                <Form.Item name="letterNo" label="介绍信编号" required rules={[zodRule(ZTransferIn.shape.letterNo)]}>
                  <Input maxLength={50} data-testid="transfer-in-letter" />
                </Form.Item>
              </Col>
              <Col xs={24} sm={12} lg={6}>
                <Form.Item name="originOrg" label="原党组织" required rules={[zodRule(ZTransferIn.shape.originOrg)]}>
                  <Input maxLength={100} />
                </Form.Item>
              </Col>
              <Col xs={24} sm={12} lg={6}>
                <Form.Item
                  name="originRegion"
                  label="原所在地区"
                  rules={[zodRule(ZTransferIn.shape.originRegion, emptyToNull)]}
                >
                  <Input maxLength={100} />
                </Form.Item>
              </Col>
              <Col xs={24} sm={12} lg={6}>
                <Form.Item
                  name="transferDate"
                  label="转入日期"
                  required
                  rules={[{ required: true, message: '请选择转入日期' }]}
                >
                  <DatePicker style={{ width: '100%' }} disabledDate={disabledFuture} />
                </Form.Item>
              </Col>
              <Col xs={24}>
                <Form.Item name="reason" label="转入原因" rules={[zodRule(ZTransferIn.shape.reason, emptyToNull)]}>
                  <Input maxLength={200} />
                </Form.Item>
              </Col>
            </Row>
          </Card>
        ) : null}
        <Space>
          <Button type="primary" htmlType="submit" loading={mutation.isPending} data-testid="member-form-submit">
            {mode === 'create' ? '登记' : mode === 'transfer-in' ? '转入' : '保存'}
          </Button>
          <Button onClick={() => navigate(-1)} disabled={false}>
            取消
          </Button>
        </Space>
      </Form>
      <StaleVersionModal
        open={stale !== null}
        current={stale ? { ...stale.current } : null}
        mine={stale?.mine ?? null}
        fields={FIELDS.filter((f) => !['orgId', 'idNumber', 'phone'].includes(f)).map((f) => ({
          name: f,
          label: LABELS[f],
          format: (v: unknown) => formatAuditValue(f, v),
        }))}
        onCancel={() => setStale(null)}
        onReload={() => {
          if (!stale) return;
          setBase(stale.current);
          form.resetFields();
          form.setFieldsValue(valuesOf(stale.current));
          queryClient.setQueryData(memberKeys.detail(stale.current.id), stale.current);
          void queryClient.invalidateQueries({ queryKey: memberKeys.all });
          setStale(null);
          setDirty(false);
          message.info('已加载最新内容，请重新修改后保存');
        }}
      />
    </>
  );
}

export function MemberCreatePage() {
  const orgId = useSelectedOrgId();
  const org = useOrg(orgId);
  const auth = useAuth();
  if (org.isPending) return <PageLoading />;
  const allowed = auth.canAt('members:write', orgChainOf(org.data));
  return (
    <div>
      <PageHeader
        breadcrumb={[
          { key: 'list', title: <Link to={scopedHref('/members', orgId)}>党员管理</Link> },
          { key: 'new', title: '新增党员' },
        ]}
        title="新增党员"
        tags={<Typography.Text type="secondary">带 * 的为必填项</Typography.Text>}
      />
      {allowed ? (
        <MemberForm mode="create" defaultOrgId={orgId} />
      ) : (
        <ErrorState error={{ status: 403, message: '您没有在该组织登记党员的权限' }} />
      )}
    </div>
  );
}

export function MemberEditPage() {
  const id = Number(useParams().id);
  const member = useQuery({ queryKey: memberKeys.detail(id), queryFn: () => fetchMember(id), enabled: id > 0 });
  const org = useOrg(member.data?.orgId);
  const auth = useAuth();
  if (member.isPending || (member.data && org.isPending)) return <PageLoading rows={12} />;
  if (member.isError) return <ErrorState error={member.error} onRetry={() => void member.refetch()} />;
  const m = member.data;
  const allowed = auth.canAt('members:write', orgChainOf(org.data));
  return (
    <div>
      <PageHeader
        breadcrumb={[
          { key: 'list', title: <Link to={scopedHref('/members', m.orgId)}>党员管理</Link> },
          { key: 'me', title: <Link to={`/members/${m.id}`}>{m.name}</Link> },
          { key: 'edit', title: '编辑' },
        ]}
        title={`编辑党员：${m.name}`}
      />
      {allowed ? (
        <MemberForm key={m.id} mode="edit" member={m} defaultOrgId={m.orgId} />
      ) : (
        <ErrorState error={{ status: 403, message: '您没有修改该党员信息的权限' }} />
      )}
    </div>
  );
}

/** 从系统外转入: the member record as for 新增党员, with the letter it came with. */
export function MemberTransferInPage() {
  const orgId = useSelectedOrgId();
  const org = useOrg(orgId);
  const auth = useAuth();
  if (org.isPending) return <PageLoading />;
  const allowed = auth.canAt('members:transfer', orgChainOf(org.data));
  return (
    <div>
      <PageHeader
        breadcrumb={[
          { key: 'list', title: <Link to={scopedHref('/transfers', orgId)}>组织关系转接</Link> },
          { key: 'new', title: '从系统外转入' },
        ]}
        title="从系统外转入"
        tags={<Typography.Text type="secondary">凭组织关系介绍信登记，带 * 的为必填项</Typography.Text>}
      />
      {allowed ? (
        <MemberForm mode="transfer-in" defaultOrgId={orgId} />
      ) : (
        <ErrorState error={{ status: 403, message: '您没有在该组织办理组织关系转接的权限' }} />
      )}
    </div>
  );
}
