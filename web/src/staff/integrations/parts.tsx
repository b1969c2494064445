import { Badge, Group } from '@mantine/core';
import { Ltr } from '../../components/ltr';

/** Machine names (scopes, event types) as small badges that read left to right. */
export function CodeBadges({ values }: { values: readonly string[] }) {
  return (
    <Group gap={4}>
      {values.map((v) => (
        <Badge key={v} variant="light" color="gray" tt="none" maw="none">
          <Ltr>{v}</Ltr>
        </Badge>
      ))}
    </Group>
  );
}
