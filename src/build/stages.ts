import type { BuildStage } from './stage.ts';

/**
 * The build stages, in order. Each renderer contributes one stage; order matters where one
 * stage reads another's output (the PDF prints the portal's print pages).
 */
export const stages: BuildStage[] = [];
