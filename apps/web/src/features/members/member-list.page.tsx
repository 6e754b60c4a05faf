export function MemberListPage() {
  return <div>待完成</div>;
}
