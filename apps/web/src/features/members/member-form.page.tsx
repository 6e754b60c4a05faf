export function MemberCreatePage() {
  return <div>待完成</div>;
}
export function MemberEditPage() {
  return <div>待完成</div>;
}
