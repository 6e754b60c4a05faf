export function UserListPage() {
  return <div>待完成</div>;
}
