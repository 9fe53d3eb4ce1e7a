export function Breadcrumb({ items }: { items: string[] }) {
  return (
    <nav aria-label="Breadcrumb" className="text-sm text-slate-500">
      <ol className="flex gap-1">
        {items.map((item, i) => (
          <li key={item} className="flex gap-1">
            {i > 0 && <span aria-hidden>›</span>}
            <span className={i === items.length - 1 ? 'font-medium text-slate-800' : ''}>{item}</span>
          </li>
        ))}
      </ol>
    </nav>
  );
}
