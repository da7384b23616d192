import { Paper, Text, UnstyledButton } from '@mantine/core';

/** A figure people click to see what is behind it: label, big number, optional note. */
export function StatCard(props: { label: string; value: string | number; sub?: string; colour?: string; onClick?: () => void; testId?: string }) {
  return (
    <UnstyledButton onClick={props.onClick} data-testid={props.testId} h="100%">
      <Paper withBorder radius="md" p="md" h="100%">
        <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
          {props.label}
        </Text>
        <Text fz={30} fw={700} c={props.colour} lh={1.2}>
          {props.value}
        </Text>
        {props.sub && (
          <Text size="sm" c="dimmed">
            {props.sub}
          </Text>
        )}
      </Paper>
    </UnstyledButton>
  );
}
