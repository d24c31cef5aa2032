/**
 * The words and numbers shown about an architecture or one block's candidate: hover texts of the
 * virtual documents and of the teacher file's decorations, and the short "what the student chose"
 * text after a block's lines.
 */
import * as vscode from 'vscode';
import type { TeacherBlockInfo } from '../../shared/events';
import type { ArchitectureChoice, CandidateStats } from './architecture-choice';
import { compact, percent, percentChange, pointsChange } from './format';

/** "→ k3e6 · k5e3  (−61% FLOPs)": the ops the student chose for a teacher block, against the block's FLOPs. */
export function choiceText(ops: string[], blockFlops: number | undefined, teacherFlops: number | undefined): string {
  const change = blockFlops !== undefined && teacherFlops ? `  (${percentChange(blockFlops, teacherFlops)} FLOPs)` : '';
  return `\u2192 ${ops.join(' \u00b7 ')}${change}`;
}

export function candidateMarkdown(stats: CandidateStats | undefined, blockName: string, teacher: TeacherBlockInfo | undefined, fallbackOps?: string): vscode.MarkdownString {
  const md = new vscode.MarkdownString();
  if (!stats) {
    md.appendMarkdown(`**${blockName}**: ${fallbackOps ? `\`${fallbackOps}\`` : 'no candidate'} — this run has no ranking for it yet.`);
    return md;
  }
  md.appendMarkdown(`**${blockName}** (block ${stats.block}) — candidate \`${stats.id}\`${stats.chosen ? ' $(star-full) chosen' : ''}\n\n`);
  md.appendMarkdown(`| | student | teacher |\n|---|---:|---:|\n`);
  md.appendMarkdown(`| score | ${stats.score.toPrecision(4)} (rank ${stats.rank} of ${stats.of}) | |\n`);
  md.appendMarkdown(`| params | ${stats.params.toLocaleString('en-US')} | ${teacher ? teacher.params.toLocaleString('en-US') : ''} |\n`);
  md.appendMarkdown(`| FLOPs | ${stats.flops.toLocaleString('en-US')} | ${teacher ? teacher.flops.toLocaleString('en-US') : ''} |\n\n`);
  md.appendMarkdown(`Score: the block's normalised distillation error on held-out images (lower is better).`);
  md.supportThemeIcons = true;
  return md;
}

export function architectureMarkdown(choice: ArchitectureChoice): vscode.MarkdownString {
  const { data, cost } = choice;
  const teacher = data.state.teacher?.total;
  const summary = data.state.summary;
  const md = new vscode.MarkdownString();
  md.supportThemeIcons = true;
  const where = choice.isChosen && choice.whole ? '$(star-full) chosen under the budget' : choice.paretoPoint ? `Pareto point ${choice.paretoPoint.index} of ${choice.paretoPoint.of}` : choice.whole ? 'a combination of candidates' : `the chosen architecture with ${choice.candidates[0]}`;
  md.appendMarkdown(`**${choice.arch.name}** — ${where}, run "${data.name}"\n\n`);
  md.appendMarkdown(`| | this | teacher |\n|---|---:|---:|\n`);
  if (choice.score !== undefined) md.appendMarkdown(`| score | ${choice.score.toPrecision(4)} | |\n`);
  md.appendMarkdown(`| params | ${cost.params.toLocaleString('en-US')} | ${teacher ? `${teacher.params.toLocaleString('en-US')} (${percentChange(cost.params, teacher.params)})` : ''} |\n`);
  md.appendMarkdown(`| FLOPs | ${cost.flops.toLocaleString('en-US')} | ${teacher ? `${teacher.flops.toLocaleString('en-US')} (${percentChange(cost.flops, teacher.flops)})` : ''} |\n`);
  if (summary && choice.isChosen && choice.whole) {
    md.appendMarkdown(`| test accuracy | ${percent(summary.student.testAccuracy)} | ${percent(summary.teacher.testAccuracy)} (${pointsChange(summary.student.testAccuracy, summary.teacher.testAccuracy)}) |\n`);
  }
  md.appendMarkdown(`\nBlocks: ${choice.arch.blocks.map((b, i) => `${b.name} \`${choice.blocks[i]?.id ?? b.ops.map((o) => `k${o.kernel}e${o.expansion}`).join('-')}\``).join(', ')}`);
  return md;
}

/** One line for lenses and messages: "FLOPs −48%, accuracy −0.6 pts" (accuracy only once retrained). */
export function comparisonText(choice: ArchitectureChoice): string {
  const teacher = choice.data.state.teacher?.total;
  const parts: string[] = [];
  if (teacher) parts.push(`FLOPs ${percentChange(choice.cost.flops, teacher.flops)}`);
  const summary = choice.data.state.summary;
  if (summary && choice.isChosen) parts.push(`accuracy ${pointsChange(summary.student.testAccuracy, summary.teacher.testAccuracy)}`);
  else if (!summary && choice.data.state.status === 'running') parts.push('accuracy after retraining');
  if (!parts.length) parts.push(`${compact(choice.cost.flops)} FLOPs`);
  return parts.join(', ');
}
