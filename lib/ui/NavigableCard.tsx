import { useEffect, useRef, useState } from 'preact/hooks';
import type { EntityCardData } from '../dataset/cardData';
import { EntityCard } from './EntityCard';

/** A card whose related names open in place, with Back to return: the popup's and the page's. */
export interface NavigableCardProps {
  initial: EntityCardData;
  loadCard: (id: string) => Promise<EntityCardData | null>;
  onClose?: () => void;
  headingId?: string;
}

export function NavigableCard({ initial, loadCard, onClose, headingId }: NavigableCardProps) {
  const [stack, setStack] = useState<EntityCardData[]>([initial]);
  const [failed, setFailed] = useState<string | null>(null);
  const frame = useRef<HTMLDivElement>(null);
  useEffect(() => setStack([initial]), [initial]);
  const current = stack[stack.length - 1]!;

  useEffect(() => {
    frame.current?.querySelector<HTMLElement>('.card-body')?.scrollTo?.({ top: 0 });
  }, [current]);

  const navigate = async (id: string) => {
    setFailed(null);
    const next = await loadCard(id).catch(() => null);
    if (next) setStack((previous) => [...previous, next]);
    else setFailed('That entry could not be loaded.');
  };

  return (
    <div ref={frame} class="navigable-card">
      <EntityCard
        data={current}
        onNavigate={(id) => void navigate(id)}
        onBack={stack.length > 1 ? () => setStack((previous) => previous.slice(0, -1)) : undefined}
        onClose={onClose}
        headingId={headingId}
      />
      {failed && (
        <p role="alert" class="card-error">
          {failed}
        </p>
      )}
    </div>
  );
}
