import { useEffect, useRef, useState } from 'preact/hooks';
import type { EntityCardData } from '../dataset/cardData';
import { EntityCard, type CardAction } from './EntityCard';

/** A card whose related names open in place, with Back to return: the popup's and the page's. */
export interface NavigableCardProps {
  initial: EntityCardData;
  loadCard: (id: string) => Promise<EntityCardData | null>;
  onClose?: () => void;
  headingId?: string;
  actions?: CardAction[];
  pinned?: boolean;
  onTogglePin?: () => void;
}

export function NavigableCard({ initial, loadCard, onClose, headingId, actions, pinned, onTogglePin }: NavigableCardProps) {
  const [stack, setStack] = useState<EntityCardData[]>([initial]);
  const [failed, setFailed] = useState<string | null>(null);
  const [status, setStatus] = useState<string | undefined>(undefined);
  const frame = useRef<HTMLDivElement>(null);
  useEffect(() => setStack([initial]), [initial]);
  const current = stack[stack.length - 1]!;

  useEffect(() => {
    frame.current?.querySelector<HTMLElement>('.card-body')?.scrollTo?.({ top: 0 });
    setStatus(undefined);
  }, [current]);

  const runAction = async (action: CardAction) => {
    try {
      setStatus((await action.run(current)) ?? undefined);
    } catch (error) {
      setStatus(`${action.label} failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  };

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
        actions={actions}
        status={status}
        onAction={(action) => void runAction(action)}
        pinned={pinned}
        onTogglePin={onTogglePin}
      />
      {failed && (
        <p role="alert" class="card-error">
          {failed}
        </p>
      )}
    </div>
  );
}
