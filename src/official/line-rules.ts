/**
 * The line-breaking rules of Chinese text (禁则, GB/T 15834 practice): marks that may not begin a
 * line, and marks that may not end one, with which the DOCX predicts its line breaks. The same
 * lists are in src/conform/layout.ts, which checks printed lines against them: conform depends on
 * no other folder of src/, so that it can judge any file on its own.
 */
export const NO_START_MARKS = '，。、；：？！）》」』〕】〉”’…—·%‰℃,.;:?!)]}';
export const NO_END_MARKS = '（《「『〔【〈“‘([{';
