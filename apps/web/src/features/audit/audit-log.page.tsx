export function AuditLogPage() {
  return <div>待完成</div>;
}
