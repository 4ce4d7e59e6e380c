"""Sentences in the styles lumbar MRI reports are written in, each with its findings.

Written for radviz (issue #16.8), in the styles of structured templates, impressions,
dictated prose, patient-typed reports with typos, and American and British spelling
(phrasing studied from public teaching cases and patients' questions; no sentence is
copied). Each entry is ``(text, expected)``; ``expected`` lists findings as

    "LEVEL SIDE ZONE LESION ROOT:SIDE,ROOT:SIDE"       (a leading "?" = certainty possible)

and an empty list means the text reports nothing that narrows a neural space. The
roots follow CLINICAL.md §8 (paracentral -> traversing, foraminal -> exiting, central ->
the traversing root on both sides). ``scripts/imaging_accuracy.py`` scores the reader on
this corpus; ``tests/imaging/test_corpus.py`` holds it to a floor.
"""

from __future__ import annotations

CORPUS: tuple[tuple[str, tuple[str, ...]], ...] = (
    # ------------------------------------------------------------ structured templates
    (
        "L4-L5: Left paracentral disc protrusion contacting the traversing left L5 nerve root.",
        ("L4-L5 left paracentral protrusion L5:left",),
    ),
    (
        "L5-S1: Right paracentral disc extrusion compressing the right S1 nerve root.",
        ("L5-S1 right paracentral extrusion S1:right",),
    ),
    ("L3-L4: Normal.", ()),
    ("L1-2: No disc herniation, canal or foraminal stenosis.", ()),
    (
        "L4-5: Broad-based disc bulge with mild bilateral foraminal narrowing.",
        (
            "L4-L5 bilateral central bulge L5:left,L5:right",
            "L4-L5 bilateral foraminal foraminal_stenosis L4:left,L4:right",
        ),
    ),
    (
        "L5/S1: Central disc protrusion indenting the thecal sac.",
        ("L5-S1 bilateral central protrusion S1:left,S1:right",),
    ),
    (
        "L3/4: Left foraminal disc protrusion abutting the exiting left L3 nerve root.",
        ("L3-L4 left foraminal protrusion L3:left",),
    ),
    (
        "L4/5: Moderate central canal stenosis.",
        ("L4-L5 bilateral central canal_stenosis L5:left,L5:right",),
    ),
    (
        "L2-L3: Small right extraforaminal protrusion contacting the exiting right L2 root.",
        ("L2-L3 right extraforaminal protrusion L2:right",),
    ),
    (
        "L5-S1: Severe left neural foraminal stenosis.",
        ("L5-S1 left foraminal foraminal_stenosis L5:left",),
    ),
    ("L4-L5: Disc desiccation without herniation or stenosis.", ()),
    (
        "L4-L5: Grade 1 degenerative anterolisthesis with moderate canal stenosis.",
        (
            "L4-L5 bilateral central spondylolisthesis L5:left,L5:right",
            "L4-L5 bilateral central canal_stenosis L5:left,L5:right",
        ),
    ),
    (
        "L5-S1: Grade 2 isthmic spondylolisthesis with bilateral pars defects.",
        ("L5-S1 bilateral foraminal spondylolisthesis L5:left,L5:right",),
    ),
    (
        "L4-5: Right facet synovial cyst narrowing the right lateral recess.",
        (
            "L4-L5 right paracentral synovial_cyst L5:right",
            "L4-L5 right paracentral lateral_recess_stenosis L5:right",
        ),
    ),
    (
        "L3-L4: Mild facet arthropathy. No canal or foraminal narrowing.",
        (),
    ),
    ("L2-3, L3-4: Unremarkable.", ()),
    (
        "L5-S1: Left subarticular disc extrusion displacing the left S1 nerve root posteriorly.",
        ("L5-S1 left paracentral extrusion S1:left",),
    ),
    (
        "L4-5: Right lateral recess stenosis, moderate, affecting the traversing right L5 root.",
        ("L4-L5 right paracentral lateral_recess_stenosis L5:right",),
    ),
    (
        "L1-L2: Minimal disc bulge without stenosis.",
        ("L1-L2 bilateral central bulge L2:left,L2:right",),
    ),
    (
        "L4-L5: Far lateral disc herniation on the left impinging the exiting L4 nerve.",
        ("L4-L5 left extraforaminal herniation L4:left",),
    ),
    # ------------------------------------------------------------------- impressions
    (
        "1. Large right paracentral extrusion at L5-S1 compressing the traversing right S1 root.",
        ("L5-S1 right paracentral extrusion S1:right",),
    ),
    (
        "2. Mild multilevel degenerative change without significant stenosis.",
        (),
    ),
    (
        "IMPRESSION: Left foraminal stenosis at L5-S1 with impingement of the exiting left L5 "
        "nerve root.",
        ("L5-S1 left foraminal foraminal_stenosis L5:left",),
    ),
    (
        "Impression: Severe spinal canal stenosis at L3-4 and L4-5.",
        (
            "L3-L4 bilateral central canal_stenosis L4:left,L4:right",
            "L4-L5 bilateral central canal_stenosis L5:left,L5:right",
        ),
    ),
    (
        "Conclusion: Small central protrusion at L4/5. No nerve root compression.",
        ("L4-L5 bilateral central protrusion L5:left,L5:right",),
    ),
    (
        "Opinion: left L5-S1 paracentral disc prolapse contacting the left S1 nerve root.",
        ("L5-S1 left paracentral herniation S1:left",),
    ),
    (
        "Sequestered disc fragment at L4-5 migrating inferiorly into the left lateral recess.",
        ("L4-L5 left paracentral sequestration L5:left",),
    ),
    (
        "Summary: no significant interval change. Stable mild canal stenosis at L4-L5.",
        ("L4-L5 bilateral central canal_stenosis L5:left,L5:right",),
    ),
    (
        "3. Grade I anterolisthesis of L4 on L5.",
        ("L4-L5 bilateral central spondylolisthesis L5:left,L5:right",),
    ),
    (
        "4. Right L4-5 foraminal protrusion with moderate right foraminal stenosis.",
        (
            "L4-L5 right foraminal protrusion L4:right",
            "L4-L5 right foraminal foraminal_stenosis L4:right",
        ),
    ),
    ("5. No acute abnormality of the lumbar spine.", ()),
    (
        "Findings most marked at L5-S1, where a left paracentral extrusion compresses the S1 root.",
        ("L5-S1 left paracentral extrusion S1:left",),
    ),
    # --------------------------------------------------------------- dictated prose
    (
        "At the L4-5 level there is a broad disc bulge which, together with facet and "
        "ligamentum flavum hypertrophy, results in moderate spinal canal stenosis.",
        (
            "L4-L5 bilateral central bulge L5:left,L5:right",
            "L4-L5 bilateral central canal_stenosis L5:left,L5:right",
        ),
    ),
    (
        "There is a left paracentral disc herniation at L5-S1 which impinges upon the "
        "descending left S1 nerve root in the lateral recess.",
        ("L5-S1 left paracentral herniation S1:left",),
    ),
    (
        "A large central and right paracentral extrusion is seen at L4-L5, severely narrowing "
        "the canal.",
        (
            "L4-L5 right paracentral extrusion L5:left,L5:right",
            "L4-L5 bilateral central canal_stenosis L5:left,L5:right",
        ),
    ),
    (
        "The L3-4 disc shows a small left foraminal protrusion which narrows the left neural "
        "foramen and abuts the exiting left L3 nerve root.",
        (
            "L3-L4 left foraminal protrusion L3:left",
            "L3-L4 left foraminal foraminal_stenosis L3:left",
        ),
    ),
    (
        "At L5-S1 there is no disc herniation. The neural foramina are patent.",
        (),
    ),
    (
        "The conus terminates normally at L1. No fracture. Marrow signal is unremarkable.",
        (),
    ),
    (
        "There is mild facet joint arthropathy at L4-5 and L5-S1 with small joint effusions.",
        (),
    ),
    (
        "Small anterior osteophytes are present at L2-3 and L3-4.",
        (),
    ),
    (
        "An annular fissure is noted in the posterior L4-5 disc, without herniation.",
        (),
    ),
    (
        "There is an anterior disc bulge at L2-3. The spinal canal is spared.",
        (),
    ),
    (
        "Bilateral facet hypertrophy at L4-5 contributes to moderate narrowing of both lateral "
        "recesses.",
        ("L4-L5 bilateral paracentral lateral_recess_stenosis L5:left,L5:right",),
    ),
    (
        "At L4-5 a right paracentral protrusion narrows the right subarticular recess, "
        "while at L5-S1 there is a small central protrusion without neural contact.",
        (
            "L4-L5 right paracentral protrusion L5:right",
            "L4-L5 right paracentral lateral_recess_stenosis L5:right",
            "L5-S1 bilateral central protrusion S1:left,S1:right",
        ),
    ),
    (
        "There is a disc bulge at L3-4 and a left paracentral extrusion at L4-5 that compresses "
        "the left L5 nerve root.",
        (
            "L3-L4 bilateral central bulge L4:left,L4:right",
            "L4-L5 left paracentral extrusion L5:left",
        ),
    ),
    (
        "L4-L5 shows a migrated fragment below the disc, on the left, displacing the left L5 "
        "nerve root.",
        ("L4-L5 left paracentral sequestration L5:left",),
    ),
    (
        "At L5-S1 a disc extrusion displaces the left S1 root.",
        ("L5-S1 left paracentral extrusion S1:left",),
    ),
    (
        "At L3-L4, a rounded structure in the right subarticular zone indents the right L4 root.",
        ("L3-L4 right paracentral other L4:right",),
    ),
    (
        "A cystic lesion arising from the left L4-5 facet joint compresses the left L5 nerve root.",
        ("L4-L5 left paracentral other L5:left",),
    ),
    (
        "At L5-S1 there is a soft tissue mass in the left lateral recess compressing the "
        "left S1 root, likely a sequestered fragment.",
        ("L5-S1 left paracentral sequestration S1:left",),
    ),
    (
        "Posterior to the L3 vertebral body there is an oval fragment towards the left, "
        "compressing the left L4 nerve root at L3-4.",
        ("L3-L4 left paracentral other L4:left",),
    ),
    (
        "L3 sits forward of L4 by about 6 mm, narrowing the canal.",
        (
            "L3-L4 bilateral central spondylolisthesis L4:left,L4:right",
            "L3-L4 bilateral central canal_stenosis L4:left,L4:right",
        ),
    ),
    (
        "There is a forward slip of 6 mm of L4 on L5.",
        ("L4-L5 bilateral central spondylolisthesis L5:left,L5:right",),
    ),
    (
        "L4 is translated anteriorly on L5 by 8 mm (grade 1).",
        ("L4-L5 bilateral central spondylolisthesis L5:left,L5:right",),
    ),
    (
        "L5 is slipped forward on S1 with bilateral L5 pars defects and severe bilateral "
        "foraminal narrowing.",
        (
            "L5-S1 bilateral foraminal spondylolisthesis L5:left,L5:right",
            "L5-S1 bilateral foraminal foraminal_stenosis L5:left,L5:right",
        ),
    ),
    (
        "Mild retrolisthesis of L2 on L3.",
        ("L2-L3 bilateral central spondylolisthesis L3:left,L3:right",),
    ),
    (
        "L3 is displaced backward relative to L4 by 3 mm.",
        ("L3-L4 bilateral central spondylolisthesis L4:left,L4:right",),
    ),
    (
        "The left L5 nerve root is displaced by a left paracentral protrusion at L4-L5.",
        ("L4-L5 left paracentral protrusion L5:left",),
    ),
    (
        "A protrusion at L4-5 displaces the left L5 root.",
        ("L4-L5 left paracentral protrusion L5:left",),
    ),
    (
        "A foraminal protrusion at L5-S1 contacts the exiting right L5 nerve root.",
        ("L5-S1 right foraminal protrusion L5:right",),
    ),
    (
        "L4-L5: There is a disc protrusion. It narrows the lateral recess on the right.",
        (
            "L4-L5 right paracentral protrusion L5:right",
            "L4-L5 right paracentral lateral_recess_stenosis L5:right",
        ),
    ),
    (
        "L5-S1: Small paracentral protrusion. The left S1 root is contacted.",
        ("L5-S1 left paracentral protrusion S1:left",),
    ),
    (
        "There is moderate to severe central stenosis at L4-5 due to a combination of disc "
        "bulging, facet arthropathy and ligamentum flavum thickening.",
        (
            "L4-L5 bilateral central canal_stenosis L5:left,L5:right",
            "L4-L5 bilateral central bulge L5:left,L5:right",
        ),
    ),
    (
        "Severe bilateral neural foraminal narrowing is seen at L5-S1 secondary to disc "
        "osteophyte complex and facet arthropathy.",
        ("L5-S1 bilateral foraminal foraminal_stenosis L5:left,L5:right",),
    ),
    (
        "Left greater than right foraminal stenosis at L4-5.",
        ("L4-L5 bilateral foraminal foraminal_stenosis L4:left,L4:right",),
    ),
    (
        "The right L5-S1 neural foramen is moderately narrowed, with contact of the exiting "
        "right L5 root.",
        ("L5-S1 right foraminal foraminal_stenosis L5:right",),
    ),
    (
        "Within the left lateral recess at L4-L5 there is a synovial cyst measuring 8 mm which "
        "compresses the traversing left L5 nerve root.",
        ("L4-L5 left paracentral synovial_cyst L5:left",),
    ),
    (
        "Right paracentral disc protrusion at L5-S1 with an inferiorly migrated component "
        "contacting the right S1 nerve root in the lateral recess.",
        ("L5-S1 right paracentral protrusion S1:right",),
    ),
    (
        "A large left paracentral extrusion at L4-5 migrates caudally behind the L5 body and "
        "severely compresses the left L5 root.",
        ("L4-L5 left paracentral extrusion L5:left",),
    ),
    (
        "At L2-L3 there is a small left paracentral protrusion touching the traversing left L3 "
        "nerve root.",
        ("L2-L3 left paracentral protrusion L3:left",),
    ),
    (
        "At L1-L2 a right foraminal disc herniation compresses the right L1 nerve root.",
        ("L1-L2 right foraminal herniation L1:right",),
    ),
    (
        "A small central disc protrusion at L5-S1 contacts both S1 nerve roots.",
        ("L5-S1 bilateral central protrusion S1:left,S1:right",),
    ),
    # ----------------------------------------------------------------------- hedges
    (
        "Possible small left paracentral protrusion at L5-S1 contacting the left S1 root.",
        ("?L5-S1 left paracentral protrusion S1:left",),
    ),
    (
        "A tiny right foraminal protrusion at L4-5 cannot be excluded.",
        ("?L4-L5 right foraminal protrusion L4:right",),
    ),
    (
        "Questionable subtle left lateral recess narrowing at L4-L5.",
        ("?L4-L5 left paracentral lateral_recess_stenosis L5:left",),
    ),
    (
        "Suspected sequestered fragment in the right lateral recess at L5-S1.",
        ("?L5-S1 right paracentral sequestration S1:right",),
    ),
    (
        "Cannot exclude a small central protrusion at L3-4.",
        ("?L3-L4 bilateral central protrusion L4:left,L4:right",),
    ),
    (
        "Findings are suspicious for a left foraminal extrusion at L5-S1 abutting the exiting "
        "left L5 root.",
        ("?L5-S1 left foraminal extrusion L5:left",),
    ),
    (
        "Probable right paracentral extrusion at L4-L5 compressing the right L5 root.",
        ("L4-L5 right paracentral extrusion L5:right",),
    ),
    # ---------------------------------------------------------------- negations
    ("No disc herniation, spinal stenosis or neural foraminal narrowing at any level.", ()),
    ("There is no evidence of nerve root compression.", ()),
    ("L4-5: No focal protrusion. Canal and foramina are patent.", ()),
    ("Negative for spondylolisthesis.", ()),
    ("No significant canal stenosis is seen at L3-4.", ()),
    (
        "A small protrusion is questioned at L4-5. On the axial images no herniation is seen "
        "at this level.",
        (),
    ),
    (
        "Mild bulge at L3-4 without stenosis; no herniation at L4-5 or L5-S1.",
        ("L3-L4 bilateral central bulge L4:left,L4:right",),
    ),
    (
        "The previously seen L5-S1 extrusion has resolved.",
        (),
    ),
    ("Neither canal nor foraminal stenosis is present at L2-L3.", ()),
    (
        "Left L4-5 paracentral protrusion without contact with the traversing L5 root.",
        ("L4-L5 left paracentral protrusion L5:left",),
    ),
    # --------------------------------------------------------------- typos and variants
    (
        "L5-S1: left paracentral herniaton compressing the left S1 nerve root.",
        ("L5-S1 left paracentral herniation S1:left",),
    ),
    (
        "L4-5 right paracentral protusion with inferior extention, contacting the right L5 root.",
        ("L4-L5 right paracentral protrusion L5:right",),
    ),
    (
        "Moderate central canal stenossis at L4-L5.",
        ("L4-L5 bilateral central canal_stenosis L5:left,L5:right",),
    ),
    (
        "L5-SI: left paracentral disc extrusion compressing the left SI nerve root.",
        ("L5-S1 left paracentral extrusion S1:left",),
    ),
    (
        "L5-Sl left subarticular protrusion.",
        ("L5-S1 left paracentral protrusion S1:left",),
    ),
    (
        "L 4-5 central disk protrusion.",
        ("L4-L5 bilateral central protrusion L5:left,L5:right",),
    ),
    (
        "L4-5 left foramenal disk herniation impinging the left L4 nerve.",
        ("L4-L5 left foraminal herniation L4:left",),
    ),
    (
        "Right paracentarl disc extrustion at L5-S1.",
        ("L5-S1 right paracentral extrusion S1:right",),
    ),
    (
        "mod L4/5 canal stenosis",
        ("L4-L5 bilateral central canal_stenosis L5:left,L5:right",),
    ),
    (
        "l45 left paracentral disc protrusion touching left l5 root",
        ("L4-L5 left paracentral protrusion L5:left",),
    ),
    (
        "L5S1 right sided disc herniation compressing right S1 nerve",
        ("L5-S1 right paracentral herniation S1:right",),
    ),
    (
        "L4-L5 Left subarticluar narrowing.",
        ("L4-L5 left paracentral lateral_recess_stenosis L5:left",),
    ),
    (
        "Severe spinal stenossis L3-L4 with compresion of the cauda equina.",
        ("L3-L4 bilateral central canal_stenosis L4:left,L4:right",),
    ),
    (
        "Disc bludge L4-5 touching the left L5 nerve root.",
        ("L4-L5 left paracentral bulge L5:left",),
    ),
    (
        "Left L5-S1 foraminal narowing, moderate.",
        ("L5-S1 left foraminal foraminal_stenosis L5:left",),
    ),
    (
        "Large L4–L5 extrusion, left paracentral, compressing the left L5 nerve root.",
        ("L4-L5 left paracentral extrusion L5:left",),
    ),
    (
        "L4—5: right paracentral disc protrusion.",
        ("L4-L5 right paracentral protrusion L5:right",),
    ),
    # -------------------------------------------------------------- British spelling
    (
        "L4/5: left paracentral disc prolapse compressing the traversing left L5 nerve root.",
        ("L4-L5 left paracentral herniation L5:left",),
    ),
    (
        "Centrally at L5/S1 there is a broad disc protrusion effacing the thecal sac; the "
        "exiting nerve roots are unaffected.",
        ("L5-S1 bilateral central protrusion S1:left,S1:right",),
    ),
    (
        "Marked narrowing of the right exit foramen at L5/S1 with compression of the exiting "
        "right L5 nerve root.",
        ("L5-S1 right foraminal foraminal_stenosis L5:right",),
    ),
    (
        "Lateralised left sided disc protrusion at L4/5 abutting the left L5 nerve root.",
        ("L4-L5 left paracentral protrusion L5:left",),
    ),
    (
        "Degenerative spondylolisthesis of L4 on L5 (grade 1) with moderate spinal canal "
        "stenosis centred at L4/5.",
        (
            "L4-L5 bilateral central spondylolisthesis L5:left,L5:right",
            "L4-L5 bilateral central canal_stenosis L5:left,L5:right",
        ),
    ),
    (
        "Modic type 1 endplate oedema at L4/5 with a small central disc protrusion.",
        ("L4-L5 bilateral central protrusion L5:left,L5:right",),
    ),
    (
        "Facet joint effusions at L4/5, no neural compromise.",
        (),
    ),
    (
        "There is a right sided L5/S1 disc extrusion which has migrated caudally and is "
        "compressing the right S1 nerve root in the lateral recess.",
        ("L5-S1 right paracentral extrusion S1:right",),
    ),
    (
        "Left lateral recess stenosis at L4/5 owing to facet joint hypertrophy.",
        ("L4-L5 left paracentral lateral_recess_stenosis L5:left",),
    ),
    (
        "Mild disc bulges at L3/4 and L4/5 without neural compromise.",
        (
            "L3-L4 bilateral central bulge L4:left,L4:right",
            "L4-L5 bilateral central bulge L5:left,L5:right",
        ),
    ),
    # --------------------------------------------------------- transitional anatomy
    (
        "There are six lumbar-type vertebrae. L5-L6: right paracentral protrusion contacting "
        "the right traversing nerve root.",
        ("L5-S1 right paracentral protrusion S1:right",),
    ),
    (
        "Transitional lumbosacral vertebra with partial sacralization of L5. L4-5: left "
        "paracentral extrusion compressing the left L5 root.",
        ("L4-L5 left paracentral extrusion L5:left",),
    ),
    (
        "Lumbarized S1. L5-S1: small central protrusion.",
        ("L5-S1 bilateral central protrusion S1:left,S1:right",),
    ),
    (
        "L6-S1: left foraminal stenosis, moderate.",
        ("L5-S1 left foraminal foraminal_stenosis L5:left",),
    ),
    # --------------------------------------------------------------- mixed blocks
    (
        "L4-L5: Left paracentral protrusion. Moderate narrowing of the left lateral recess "
        "with contact of the left L5 root. Mild facet arthropathy.",
        (
            "L4-L5 left paracentral protrusion L5:left",
            "L4-L5 left paracentral lateral_recess_stenosis L5:left",
        ),
    ),
    (
        "L3-L4: Mild bulge. Facet arthropathy is also noted at L2-3.",
        ("L3-L4 bilateral central bulge L4:left,L4:right",),
    ),
    (
        "L5-S1: Disc bulge eccentric to the right with mild right foraminal narrowing.",
        (
            "L5-S1 right paracentral bulge S1:right",
            "L5-S1 right foraminal foraminal_stenosis L5:right",
        ),
    ),
    (
        "L2-L3: Disc bulge. No stenosis.\nL3-L4: Right foraminal protrusion compressing the "
        "exiting right L3 nerve root.",
        (
            "L2-L3 bilateral central bulge L3:left,L3:right",
            "L3-L4 right foraminal protrusion L3:right",
        ),
    ),
    (
        "FINDINGS:\nL4-5: Large central extrusion with severe canal stenosis, compressing the "
        "cauda equina.\nIMPRESSION:\nLarge central L4-5 extrusion causing severe canal stenosis.",
        (
            "L4-L5 bilateral central extrusion L5:left,L5:right",
            "L4-L5 bilateral central canal_stenosis L5:left,L5:right",
        ),
    ),
    (
        "HISTORY: Right leg pain, rule out herniated disc at L5-S1.\nFINDINGS: No herniation.",
        (),
    ),
    (
        "L4-5:\nDisc: right paracentral protrusion.\nCanal: mild stenosis.\nForamina: patent.",
        (
            "L4-L5 right paracentral protrusion L5:right",
            "L4-L5 bilateral central canal_stenosis L5:left,L5:right",
        ),
    ),
    (
        "At L4-5 there is a protrusion which is larger on the left and contacts the traversing "
        "left L5 nerve root.",
        ("L4-L5 left paracentral protrusion L5:left",),
    ),
    (
        "Bilateral L5 pars interarticularis defects with grade 1 anterolisthesis of L5 on S1.",
        ("L5-S1 bilateral foraminal spondylolisthesis L5:left,L5:right",),
    ),
    (
        "L4-5 and L5-S1 disc bulges with mild bilateral foraminal narrowing at both levels.",
        (
            "L4-L5 bilateral central bulge L5:left,L5:right",
            "L5-S1 bilateral central bulge S1:left,S1:right",
            "L4-L5 bilateral foraminal foraminal_stenosis L4:left,L4:right",
            "L5-S1 bilateral foraminal foraminal_stenosis L5:left,L5:right",
        ),
    ),
    (
        "Moderate canal stenosis from L3-4 through L4-5.",
        (
            "L3-L4 bilateral central canal_stenosis L4:left,L4:right",
            "L4-L5 bilateral central canal_stenosis L5:left,L5:right",
        ),
    ),
    (
        "Severe left and moderate right foraminal stenosis at L5-S1.",
        (
            "L5-S1 left foraminal foraminal_stenosis L5:left",
            "L5-S1 right foraminal foraminal_stenosis L5:right",
        ),
    ),
    (
        "Right paracentral extrusion at L5-S1 and a left foraminal protrusion at L4-L5 "
        "abutting the exiting left L4 nerve root.",
        (
            "L5-S1 right paracentral extrusion S1:right",
            "L4-L5 left foraminal protrusion L4:left",
        ),
    ),
    (
        "At L3-4 the disc is normal, but at L4-5 a left paracentral extrusion compresses the "
        "left L5 nerve root.",
        ("L4-L5 left paracentral extrusion L5:left",),
    ),
    (
        "Compared with the prior study, the right paracentral protrusion at L4-5 is smaller but "
        "still contacts the right L5 root.",
        ("L4-L5 right paracentral protrusion L5:right",),
    ),
    (
        "The large central disc extrusion at L5-S1 occupies most of the canal and compresses "
        "the sacral nerve roots bilaterally.",
        ("L5-S1 bilateral central extrusion S1:left,S1:right",),
    ),
    (
        "There is a left L4-5 juxtafacet cyst causing severe narrowing of the left lateral recess.",
        (
            "L4-L5 left paracentral synovial_cyst L5:left",
            "L4-L5 left paracentral lateral_recess_stenosis L5:left",
        ),
    ),
    (
        "Disc extrusion at L4-5 extending into the left neural foramen and compressing the "
        "exiting left L4 nerve root.",
        ("L4-L5 left foraminal extrusion L4:left",),
    ),
    (
        "The L5-S1 disc shows a posterior annular tear and a small right paracentral "
        "protrusion abutting the right S1 root.",
        ("L5-S1 right paracentral protrusion S1:right",),
    ),
    (
        "Tarlov cyst at S2. L5-S1: normal.",
        (),
    ),
    (
        "Hemangioma in the L3 vertebral body. L3-4: mild disc bulge.",
        ("L3-L4 bilateral central bulge L4:left,L4:right",),
    ),
    (
        "L2-L3: There is a tiny left paracentral protrusion without nerve root contact.",
        ("L2-L3 left paracentral protrusion L3:left",),
    ),
    (
        "Multilevel spondylosis, most pronounced at L4-5 where there is severe canal stenosis.",
        ("L4-L5 bilateral central canal_stenosis L5:left,L5:right",),
    ),
    (
        "Lumbosacral junction: left paracentral extrusion with compression of the left S1 "
        "nerve root.",
        ("L5-S1 left paracentral extrusion S1:left",),
    ),
    (
        "At L4-L5, there is severe narrowing of the right lateral recess, with compression of "
        "the right L5 nerve root, and mild narrowing of the left lateral recess.",
        (
            "L4-L5 right paracentral lateral_recess_stenosis L5:right",
            "L4-L5 left paracentral lateral_recess_stenosis L5:left",
        ),
    ),
    (
        "A 7 mm left paracentral extrusion at L5-S1 abuts and posteriorly displaces the left S1 "
        "nerve root.",
        ("L5-S1 left paracentral extrusion S1:left",),
    ),
    (
        "The exiting right L4 nerve root is compressed in the right L4-5 foramen by a foraminal "
        "disc protrusion.",
        ("L4-L5 right foraminal protrusion L4:right",),
    ),
    (
        "Thecal sac compression at L4-5 from a large central herniation.",
        ("L4-L5 bilateral central herniation L5:left,L5:right",),
    ),
    (
        "Broad-based posterior disc bulge at L5-S1, asymmetric to the left, contacting the left "
        "S1 root.",
        ("L5-S1 left paracentral bulge S1:left",),
    ),
    (
        "Patient typed: my MRI says L4-L5 disc herniation pressing on left L5 nerve.",
        ("L4-L5 left paracentral herniation L5:left",),
    ),
    (
        "Patient typed: they said mild stenosis L3 L4 and a bulging disc at L4 L5.",
        (
            "L3-L4 bilateral central canal_stenosis L4:left,L4:right",
            "L4-L5 bilateral central bulge L5:left,L5:right",
        ),
    ),
    (
        "Patient typed: slipped disc L5 S1 on the right side squashing the nerve.",
        ("L5-S1 right paracentral herniation S1:right",),
    ),
    (
        "Right L3-L4 extraforaminal disc herniation displacing the right L3 nerve.",
        ("L3-L4 right extraforaminal herniation L3:right",),
    ),
    (
        "L4-L5: Mild diffuse disc bulge. Mild bilateral facet arthropathy. No significant canal "
        "or foraminal stenosis.",
        ("L4-L5 bilateral central bulge L5:left,L5:right",),
    ),
    (
        "L5-S1: Moderate disc height loss with a right paracentral protrusion that effaces the "
        "right lateral recess and contacts the descending right S1 nerve root.",
        (
            "L5-S1 right paracentral protrusion S1:right",
            "L5-S1 right paracentral lateral_recess_stenosis S1:right",
        ),
    ),
    (
        "L3-L4: Small left paracentral disc extrusion with cranial migration, contacting the "
        "left L4 nerve root.",
        ("L3-L4 left paracentral extrusion L4:left",),
    ),
    (
        "There is a left paracentral disc protrusion at L4-5 causing mass effect on the left "
        "L5 nerve root.",
        ("L4-L5 left paracentral protrusion L5:left",),
    ),
    (
        "Right foraminal osteophyte at L4-5 contacting the exiting right L4 nerve root.",
        ("L4-L5 right foraminal osteophyte L4:right",),
    ),
    (
        "Left uncovertebral-type spur... correction: left foraminal disc osteophyte complex at "
        "L5-S1 abutting the left L5 root.",
        ("L5-S1 left foraminal osteophyte L5:left",),
    ),
    (
        "Degenerative disc disease from L3 to S1 without canal stenosis.",
        (),
    ),
    (
        "Severe multilevel foraminal stenosis.",
        (),
    ),
    (
        "Small left paracentral protrusion at L4-5; the left L5 root is not compressed.",
        ("L4-L5 left paracentral protrusion L5:left",),
    ),
    (
        "Moderate narrowing of the left neural foramen at L4-L5 and of the right neural "
        "foramen at L5-S1.",
        (
            "L4-L5 left foraminal foraminal_stenosis L4:left",
            "L5-S1 right foraminal foraminal_stenosis L5:right",
        ),
    ),
    (
        "An extruded disc fragment at L5-S1 lies in the right lateral recess and compresses "
        "the right S1 root.",
        ("L5-S1 right paracentral extrusion S1:right",),
    ),
    (
        "There is a large left paracentral disc extrusion at L5-S1. The lesion displaces the "
        "left S1 nerve root.",
        ("L5-S1 left paracentral extrusion S1:left",),
    ),
    (
        "Ligamentum flavum buckling at L3-4 narrows the canal moderately.",
        ("L3-L4 bilateral central canal_stenosis L4:left,L4:right",),
    ),
    (
        "L2-3: small central protrusion. L3-4: moderate canal stenosis. L4-5: severe canal "
        "stenosis with redundant nerve roots.",
        (
            "L2-L3 bilateral central protrusion L3:left,L3:right",
            "L3-L4 bilateral central canal_stenosis L4:left,L4:right",
            "L4-L5 bilateral central canal_stenosis L5:left,L5:right",
        ),
    ),
    (
        "Mild central canal narrowing at L4-5 is unchanged.",
        ("L4-L5 bilateral central canal_stenosis L5:left,L5:right",),
    ),
    (
        "Post-operative change after left L5 laminectomy. Recurrent left paracentral disc "
        "herniation at L5-S1 contacting the left S1 root.",
        ("L5-S1 left paracentral herniation S1:left",),
    ),
    (
        "At L4-5, enhancing scar surrounds the left L5 root; no recurrent herniation.",
        (),
    ),
    (
        "Bilateral subarticular recess narrowing at L4-5, severe on the left and moderate on "
        "the right.",
        ("L4-L5 bilateral paracentral lateral_recess_stenosis L5:left,L5:right",),
    ),
    (
        "Central canal stenosis at L4-L5 is mild. The lateral recesses are patent.",
        ("L4-L5 bilateral central canal_stenosis L5:left,L5:right",),
    ),
    (
        "Right paracentral/foraminal protrusion at L3-4 contacting the right L3 and L4 nerve "
        "roots.",
        ("L3-L4 right paracentral protrusion L3:right,L4:right",),
    ),
    (
        "L1-L2, L2-L3 and L3-L4 demonstrate mild disc bulges.",
        (
            "L1-L2 bilateral central bulge L2:left,L2:right",
            "L2-L3 bilateral central bulge L3:left,L3:right",
            "L3-L4 bilateral central bulge L4:left,L4:right",
        ),
    ),
    (
        "Grade 2 spondylolisthesis of L5 on S1 (about 30 percent) with bilateral spondylolysis.",
        ("L5-S1 bilateral foraminal spondylolisthesis L5:left,L5:right",),
    ),
    (
        "There is 4 mm of retrolisthesis at L5-S1.",
        ("L5-S1 bilateral central spondylolisthesis S1:left,S1:right",),
    ),
    (
        "Questionable contact of the right L5 root by a small right L4-5 paracentral protrusion.",
        ("L4-L5 right paracentral protrusion L5:right",),
    ),
    (
        "The left S1 root is compressed by a left paracentral disc extrusion at L5-S1.",
        ("L5-S1 left paracentral extrusion S1:left",),
    ),
    (
        "Small right foraminal protrusion at L4/5 which may irritate the exiting right L4 "
        "nerve root.",
        ("L4-L5 right foraminal protrusion L4:right",),
    ),
    (
        "L4-5 left paracentral disc extrusion measuring 9 x 7 mm, with caudal migration, "
        "severely compressing the left L5 nerve root.",
        ("L4-L5 left paracentral extrusion L5:left",),
    ),
    (
        "Mild bilateral neural foraminal narrowing at L3-4.",
        ("L3-L4 bilateral foraminal foraminal_stenosis L3:left,L3:right",),
    ),
    (
        "Spinal canal is of normal calibre throughout. No nerve root impingement.",
        (),
    ),
    (
        "L5-S1: right paracentral disc protrusion, which is seen to contact the right S1 nerve "
        "root. There is no significant central canal narrowing.",
        ("L5-S1 right paracentral protrusion S1:right",),
    ),
    # ----------------- second batch (written after the first was scored; 31 of 40 read at first)
    (
        "L4/5: 4 mm broad-based left paracentral protrusion tightening the left lateral recess, "
        "which may affect the traversing nerve root.",
        (
            "L4-L5 left paracentral protrusion L5:left",
            "L4-L5 left paracentral lateral_recess_stenosis L5:left",
        ),
    ),
    (
        "L5/S1: 3 mm central protrusion slightly displacing the S1 nerve roots without "
        "impingement.",
        ("L5-S1 bilateral central protrusion S1:left,S1:right",),
    ),
    (
        "L1/2, L2/3, L3/4: No canal, subarticular recess or neural foraminal stenosis.",
        (),
    ),
    (
        "At L3-4 there is a very mild left recess disk bulge producing minimal narrowing of the "
        "left neural foramen.",
        (
            "L3-L4 left paracentral bulge L4:left",
            "L3-L4 left foraminal foraminal_stenosis L3:left",
        ),
    ),
    (
        "The right neural foramen at L2-3 appears widely patent.",
        (),
    ),
    (
        "At L4-5 a probable degenerative cyst anterior to the right facet narrows the right "
        "recess.",
        (
            "L4-L5 right paracentral synovial_cyst L5:right",
            "L4-L5 right paracentral lateral_recess_stenosis L5:right",
        ),
    ),
    (
        "Diffuse disc bulge at L4-5 with bilateral posterolateral components partially effacing "
        "the perineural fat in both foramina.",
        (
            "L4-L5 bilateral central bulge L5:left,L5:right",
            "L4-L5 bilateral foraminal foraminal_stenosis L4:left,L4:right",
        ),
    ),
    (
        "Prominent central disc protrusion at L5-S1 indents the ventral thecal sac.",
        ("L5-S1 bilateral central protrusion S1:left,S1:right",),
    ),
    (
        "Left paracentral/subarticular protrusion at L5/S1 impinges upon the descending left S1 "
        "nerve root.",
        ("L5-S1 left paracentral protrusion S1:left",),
    ),
    (
        "There is severe spinal stenosis at L4-L5 with crowding of the cauda equina.",
        ("L4-L5 bilateral central canal_stenosis L5:left,L5:right",),
    ),
    (
        "Disc herniation L5-S1 right.",
        ("L5-S1 right paracentral herniation S1:right",),
    ),
    (
        "L4-L5 disc extrusion migrating superiorly behind the L4 vertebral body on the right.",
        ("L4-L5 right paracentral extrusion L5:right",),
    ),
    (
        "There is a small focal left foraminal disc protrusion at L3-L4 which contacts the exiting"
        " left L3 nerve.",
        ("L3-L4 left foraminal protrusion L3:left",),
    ),
    (
        "The L4-5 level demonstrates moderate facet arthropathy and a mild disc bulge resulting in"
        " mild narrowing of the thecal sac.",
        (
            "L4-L5 bilateral central bulge L5:left,L5:right",
            "L4-L5 bilateral central canal_stenosis L5:left,L5:right",
        ),
    ),
    (
        "Moderate bilateral foraminal stenosis at L5-S1, right worse than left.",
        ("L5-S1 bilateral foraminal foraminal_stenosis L5:left,L5:right",),
    ),
    (
        "Small right paracentral disc herniation at L5-S1 abutting without displacing the right S1"
        " root.",
        ("L5-S1 right paracentral herniation S1:right",),
    ),
    (
        "Grade 1 anterolisthesis L4-5 measuring 5 mm.",
        ("L4-L5 bilateral central spondylolisthesis L5:left,L5:right",),
    ),
    (
        "Bilateral pars defects at L5 with 7 mm anterior translation of L5 on S1.",
        ("L5-S1 bilateral foraminal spondylolisthesis L5:left,L5:right",),
    ),
    (
        "A possible small extruded fragment is noted in the left lateral recess at L4-5.",
        ("?L4-L5 left paracentral extrusion L5:left",),
    ),
    (
        "Likely small annular fissure at L4-5 without herniation.",
        (),
    ),
    (
        "L3-4 demonstrates no significant abnormality.",
        (),
    ),
    (
        "Multilevel degenerative disc disease, worst at L5-S1, where a right paracentral "
        "protrusion contacts the right S1 root.",
        ("L5-S1 right paracentral protrusion S1:right",),
    ),
    (
        "No spondylolisthesis. Normal lumbar lordosis.",
        (),
    ),
    (
        "Left L5 nerve root compression by a left paracentral L4/5 disc extrusion.",
        ("L4-L5 left paracentral extrusion L5:left",),
    ),
    (
        "Right L5/S1 foraminal disc protrusion with compression of the right L5 nerve root.",
        ("L5-S1 right foraminal protrusion L5:right",),
    ),
    (
        "L2/3 there is a central disc protrusion with mild canal narrowing.",
        (
            "L2-L3 bilateral central protrusion L3:left,L3:right",
            "L2-L3 bilateral central canal_stenosis L3:left,L3:right",
        ),
    ),
    (
        "Degenerate L4/5 disc with a right paracentral disc protrusion which abuts the right L5 "
        "nerve root in the lateral recess.",
        ("L4-L5 right paracentral protrusion L5:right",),
    ),
    (
        "Facet joint arthropathy at L4/5 and L5/S1 but no neural compromise.",
        (),
    ),
    (
        "At L5/S1 there is a large left sided disc herniation which is compressing the left S1 "
        "nerve root. There is also some compromise of the right S1 root.",
        ("L5-S1 left paracentral herniation S1:left,S1:right",),
    ),
    (
        "Severe left L4-5 foraminal stenosis with impingement upon the exiting left L4 nerve root;"
        " mild right foraminal stenosis.",
        (
            "L4-L5 left foraminal foraminal_stenosis L4:left",
            "L4-L5 right foraminal foraminal_stenosis L4:right",
        ),
    ),
    (
        "Mild L3/4 and moderate L4/5 central canal stenosis.",
        (
            "L3-L4 bilateral central canal_stenosis L4:left,L4:right",
            "L4-L5 bilateral central canal_stenosis L5:left,L5:right",
        ),
    ),
    (
        "L4-5 right paracentral extruded disk with caudal migration compressing right L5 root.",
        ("L4-L5 right paracentral extrusion L5:right",),
    ),
    (
        "Intermediate signal lesion in the left L5-S1 lateral recess contacting the left S1 nerve "
        "root, favoured to represent a sequestered disc fragment.",
        ("L5-S1 left paracentral sequestration S1:left",),
    ),
    (
        "The left S1 nerve root is thickened and displaced posteriorly at L5-S1 by a left "
        "paracentral extrusion.",
        ("L5-S1 left paracentral extrusion S1:left",),
    ),
    (
        "Small disc bulges at L4-5 and L5-S1 without significant stenosis. The traversing and "
        "exiting nerve roots are free.",
        (
            "L4-L5 bilateral central bulge L5:left,L5:right",
            "L5-S1 bilateral central bulge S1:left,S1:right",
        ),
    ),
    (
        "L5-S1: Left paracentral protrusion. No nerve root compression.",
        ("L5-S1 left paracentral protrusion S1:left",),
    ),
    (
        "there is a herniated disc at L4-L5 to the left",
        ("L4-L5 left paracentral herniation L5:left",),
    ),
    (
        "Right sided L4/5 lateral recess stenosis secondary to facet hypertrophy and a disc bulge.",
        (
            "L4-L5 right paracentral lateral_recess_stenosis L5:right",
            "L4-L5 bilateral central bulge L5:left,L5:right",
        ),
    ),
    (
        "Severe central stenosis at L4/L5 with a trefoil canal.",
        ("L4-L5 bilateral central canal_stenosis L5:left,L5:right",),
    ),
    (
        "Moderate left-sided neuroforaminal narrowing at L5-S1 with possible contact of the "
        "exiting left L5 nerve root.",
        ("L5-S1 left foraminal foraminal_stenosis L5:left",),
    ),
    # ---------------- third batch (written after the second was scored; 36 of 40 read at first)
    (
        "L4-L5: There is a shallow central disc protrusion which mildly indents the thecal sac. "
        "The lateral recesses and foramina are patent.",
        ("L4-L5 bilateral central protrusion L5:left,L5:right",),
    ),
    (
        "L5-S1: There is a left foraminal disc protrusion which contacts the exiting left L5 nerve"
        " root. The right foramen is patent.",
        ("L5-S1 left foraminal protrusion L5:left",),
    ),
    (
        "At L3-L4 there is a circumferential disc bulge and facet hypertrophy, producing moderate "
        "central canal stenosis and mild bilateral foraminal narrowing.",
        (
            "L3-L4 bilateral central bulge L4:left,L4:right",
            "L3-L4 bilateral central canal_stenosis L4:left,L4:right",
            "L3-L4 bilateral foraminal foraminal_stenosis L3:left,L3:right",
        ),
    ),
    (
        "Right posterolateral disc herniation at L4-L5 with compression of the right L5 nerve "
        "root.",
        ("L4-L5 right paracentral herniation L5:right",),
    ),
    (
        "Large extruded disc at L5-S1 on the left which is compressing the left S1 root and "
        "extends inferiorly behind the S1 vertebral body.",
        ("L5-S1 left paracentral extrusion S1:left",),
    ),
    (
        "L2-3: Unremarkable. L3-4: Unremarkable. L4-5: Moderate facet arthropathy, no stenosis. "
        "L5-S1: Unremarkable.",
        (),
    ),
    (
        "Impression: 1. L4-5 right subarticular zone protrusion contacting the descending right L5"
        " nerve root. 2. Mild degenerative changes elsewhere.",
        ("L4-L5 right paracentral protrusion L5:right",),
    ),
    (
        "Disc protrusion L5/S1 touching the right S1 nerve root and the left S1 nerve root.",
        ("L5-S1 bilateral central protrusion S1:left,S1:right",),
    ),
    (
        "The L5-S1 disc is degenerate with a left-sided protrusion that abuts the left S1 root; no"
        " compression.",
        ("L5-S1 left paracentral protrusion S1:left",),
    ),
    (
        "A free fragment of disc material lies behind the L5 vertebral body on the right, "
        "compressing the right S1 root.",
        ("L5-S1 right paracentral sequestration S1:right",),
    ),
    (
        "No significant disc bulge or protrusion is seen at any level. The exiting and traversing "
        "nerve roots are normal.",
        (),
    ),
    (
        "L4-5 moderate spinal stenosis secondary to grade I degenerative spondylolisthesis.",
        (
            "L4-L5 bilateral central canal_stenosis L5:left,L5:right",
            "L4-L5 bilateral central spondylolisthesis L5:left,L5:right",
        ),
    ),
    (
        "Foraminal stenosis on the right at L4-5 is severe, with compression of the right L4 nerve"
        " root.",
        ("L4-L5 right foraminal foraminal_stenosis L4:right",),
    ),
    (
        "There is disc material extending into the left L3-4 foramen, compressing the exiting left"
        " L3 root.",
        ("L3-L4 left foraminal other L3:left",),
    ),
    (
        "L4-L5: left facet joint effusion and a 6 mm synovial cyst projecting into the left "
        "lateral recess, which displaces the left L5 root.",
        ("L4-L5 left paracentral synovial_cyst L5:left",),
    ),
    (
        "possible L5 S1 herniated disc on the left",
        ("?L5-S1 left paracentral herniation S1:left",),
    ),
    (
        "Mild bulging of the L4/5 disc, more to the right, with mild right foraminal narrowing.",
        (
            "L4-L5 right paracentral bulge L5:right",
            "L4-L5 right foraminal foraminal_stenosis L4:right",
        ),
    ),
    (
        "At L5-S1 there is a broad-based posterior disc protrusion, with a superimposed right "
        "paracentral extrusion impinging on the right S1 nerve root.",
        (
            "L5-S1 bilateral central protrusion S1:left,S1:right",
            "L5-S1 right paracentral extrusion S1:right",
        ),
    ),
    (
        "L2-L3: Small left far lateral protrusion, potentially irritating the exiting left L2 "
        "nerve root.",
        ("L2-L3 left extraforaminal protrusion L2:left",),
    ),
    (
        "Severe canal stenosis at L4-5 has progressed since the prior study.",
        ("L4-L5 bilateral central canal_stenosis L5:left,L5:right",),
    ),
    (
        "Stable appearance of the small L3-4 central protrusion.",
        ("L3-L4 bilateral central protrusion L4:left,L4:right",),
    ),
    (
        "L5-S1: Post-discectomy change on the left. No recurrent disc. Epidural fibrosis surrounds"
        " the left S1 root.",
        (),
    ),
    (
        "There is an inferiorly migrated sequestered fragment from the L4-5 disc, lying in the "
        "right lateral recess at the level of the L5 pedicle and compressing the right L5 root.",
        ("L4-L5 right paracentral sequestration L5:right",),
    ),
    (
        "Bilateral L4-5 foraminal stenosis, moderate on the left and mild on the right.",
        ("L4-L5 bilateral foraminal foraminal_stenosis L4:left,L4:right",),
    ),
    (
        "The central canal is narrowed to 7 mm at L4-5 (severe).",
        ("L4-L5 bilateral central canal_stenosis L5:left,L5:right",),
    ),
    (
        "L3/4: left paracentral extrusion migrating caudally, compressing the left L4 root in the "
        "lateral recess. L4/5: normal.",
        ("L3-L4 left paracentral extrusion L4:left",),
    ),
    (
        "Minor disc bulges at L3-4, L4-5 and L5-S1 which do not cause neural compromise.",
        (
            "L3-L4 bilateral central bulge L4:left,L4:right",
            "L4-L5 bilateral central bulge L5:left,L5:right",
            "L5-S1 bilateral central bulge S1:left,S1:right",
        ),
    ),
    (
        "Right L5 radiculopathy is explained by a right paracentral L4/5 disc extrusion "
        "compressing the right L5 nerve root.",
        ("L4-L5 right paracentral extrusion L5:right",),
    ),
    (
        "The left L4 nerve root is compressed in the neural foramen at L4-5 by a foraminal disc "
        "protrusion.",
        ("L4-L5 left foraminal protrusion L4:left",),
    ),
    (
        "There is a grade 1 spondylolisthesis at L4-L5 which together with facet hypertrophy "
        "results in severe stenosis of the central canal and both lateral recesses.",
        (
            "L4-L5 bilateral central spondylolisthesis L5:left,L5:right",
            "L4-L5 bilateral central canal_stenosis L5:left,L5:right",
            "L4-L5 bilateral paracentral lateral_recess_stenosis L5:left,L5:right",
        ),
    ),
    (
        "Disc herniation is suspected at L4-5 on the left, contacting the left L5 root.",
        ("?L4-L5 left paracentral herniation L5:left",),
    ),
    (
        "A left L5-S1 paracentral protrusion is no longer seen.",
        (),
    ),
    (
        "There is mild narrowing of the right L5-S1 lateral recess without nerve root compression.",
        ("L5-S1 right paracentral lateral_recess_stenosis S1:right",),
    ),
    (
        "Modic 2 changes at L4/5. Small central disc protrusion at this level without neural "
        "compromise.",
        ("L4-L5 bilateral central protrusion L5:left,L5:right",),
    ),
    (
        "L1-L2 and L2-L3 are normal. At L3-L4 there is a small right foraminal protrusion.",
        ("L3-L4 right foraminal protrusion L3:right",),
    ),
    (
        "Left lateral recess stenossis at L4/5 with compresion of the left L5 nerve.",
        ("L4-L5 left paracentral lateral_recess_stenosis L5:left",),
    ),
    (
        "Right parasentral disk extrusion L5-S1 compresing right S1 nerve root.",
        ("L5-S1 right paracentral extrusion S1:right",),
    ),
    (
        "L4-5: centrally and to the left there is a disc extrusion, severely compressing the "
        "thecal sac and the left L5 root.",
        ("L4-L5 left paracentral extrusion L5:left,L5:right",),
    ),
    (
        "Thickening of the ligamentum flavum at L4-5 contributes to mild canal narrowing; no disc "
        "herniation.",
        ("L4-L5 bilateral central canal_stenosis L5:left,L5:right",),
    ),
    (
        "Left L5 spondylolysis without spondylolisthesis.",
        (),
    ),
    # ---------------- fourth batch (radiologists' long sentences; 14 of 15 read at first)
    (
        "L4-5: There is a broad-based disc bulge. There is moderate bilateral facet hypertrophy. "
        "These findings result in moderate central canal stenosis and mild bilateral neural "
        "foraminal narrowing.",
        (
            "L4-L5 bilateral central bulge L5:left,L5:right",
            "L4-L5 bilateral central canal_stenosis L5:left,L5:right",
            "L4-L5 bilateral foraminal foraminal_stenosis L4:left,L4:right",
        ),
    ),
    (
        "L5-S1: Small left paracentral protrusion which contacts but does not displace the left S1"
        " nerve root.",
        ("L5-S1 left paracentral protrusion S1:left",),
    ),
    (
        "Right greater than left foraminal narrowing at L5-S1, moderate.",
        ("L5-S1 bilateral foraminal foraminal_stenosis L5:left,L5:right",),
    ),
    (
        "L3-4: mild diffuse disc bulge, which together with mild facet arthropathy produces mild "
        "narrowing of the left lateral recess.",
        (
            "L3-L4 bilateral central bulge L4:left,L4:right",
            "L3-L4 left paracentral lateral_recess_stenosis L4:left",
        ),
    ),
    (
        "At L4-L5, a left paracentral disc extrusion extends inferiorly to the level of the L5 "
        "pedicle, compressing the traversing left L5 nerve root.",
        ("L4-L5 left paracentral extrusion L5:left",),
    ),
    (
        "The remaining levels demonstrate no significant disc herniation or stenosis.",
        (),
    ),
    (
        "L2-L3: No significant abnormality. L3-L4: Minimal disc bulge, no stenosis. L4-L5: Right "
        "paracentral disc protrusion with mass effect on the descending right L5 nerve root.",
        (
            "L3-L4 bilateral central bulge L4:left,L4:right",
            "L4-L5 right paracentral protrusion L5:right",
        ),
    ),
    (
        "There is a moderate-sized right paracentral disc herniation at L5-S1 which deforms the "
        "thecal sac and posteriorly displaces the right S1 root.",
        ("L5-S1 right paracentral herniation S1:right",),
    ),
    (
        "Impression: L4/5 broad-based disc protrusion with moderate spinal canal stenosis and "
        "bilateral lateral recess narrowing, potentially affecting the traversing L5 nerve roots.",
        (
            "L4-L5 bilateral central protrusion L5:left,L5:right",
            "L4-L5 bilateral central canal_stenosis L5:left,L5:right",
            "L4-L5 bilateral paracentral lateral_recess_stenosis L5:left,L5:right",
        ),
    ),
    (
        "Mild to moderate left neural foraminal narrowing at L4-5 secondary to a foraminal disc "
        "bulge and facet hypertrophy.",
        (
            "L4-L5 left foraminal foraminal_stenosis L4:left",
            "L4-L5 left foraminal bulge L4:left",
        ),
    ),
    (
        "There is a right-sided facet joint cyst at L4-L5 measuring 9 mm, which narrows the right "
        "lateral recess and abuts the right L5 root.",
        (
            "L4-L5 right paracentral synovial_cyst L5:right",
            "L4-L5 right paracentral lateral_recess_stenosis L5:right",
        ),
    ),
    (
        "L5/S1 shows a small central disc protrusion without significant mass effect.",
        ("L5-S1 bilateral central protrusion S1:left,S1:right",),
    ),
    (
        "Transitional anatomy with a partially sacralized L5 vertebra; the lowest disc is labelled"
        " L5-S1.",
        (),
    ),
    (
        "Severe L4-5 canal stenosis with redundancy of the cauda equina nerve roots above the "
        "level of stenosis.",
        ("L4-L5 bilateral central canal_stenosis L5:left,L5:right",),
    ),
    (
        "The L4-L5 disc protrusion contacts the left L5 nerve root in the subarticular recess.",
        ("L4-L5 left paracentral protrusion L5:left",),
    ),
    # ---------------- fifth batch (clinic shorthand and patients' words; 12 of 20 read at first)
    (
        "L4-5 lt paracentral HNP compressing lt L5 root.",
        ("L4-L5 left paracentral herniation L5:left",),
    ),
    (
        "Rt foraminal stenosis L5-S1, severe.",
        ("L5-S1 right foraminal foraminal_stenosis L5:right",),
    ),
    (
        "b/l NF narrowing at L4-5.",
        ("L4-L5 bilateral foraminal foraminal_stenosis L4:left,L4:right",),
    ),
    (
        "At L4 5 level there is a left paracentral disc protrusion.",
        ("L4-L5 left paracentral protrusion L5:left",),
    ),
    (
        "L45 DDD with central disc herniation.",
        ("L4-L5 bilateral central herniation L5:left,L5:right",),
    ),
    (
        "my report says a bulging disc at L4-L5 pushing on the left nerve root",
        ("L4-L5 left paracentral bulge L5:left",),
    ),
    (
        "pinched nerve at L5-S1 on the right from a herniated disc",
        ("L5-S1 right paracentral herniation S1:right",),
    ),
    (
        "Level L5-S1 | Left paracentral extrusion | compresses left S1",
        ("L5-S1 left paracentral extrusion S1:left",),
    ),
    (
        "L3-L4: Left foraminal disc protrusion causing moderate left foraminal stenosis with mild "
        "impingement on the exiting left L3 nerve root.",
        (
            "L3-L4 left foraminal protrusion L3:left",
            "L3-L4 left foraminal foraminal_stenosis L3:left",
        ),
    ),
    (
        "L5-S1 shows a right paracentral protrusion, which deviates the right S1 nerve root.",
        ("L5-S1 right paracentral protrusion S1:right",),
    ),
    (
        "There is a broad-based disc bulge at L4-L5 which is slightly more prominent on the left, "
        "narrowing the left lateral recess.",
        (
            "L4-L5 left paracentral bulge L5:left",
            "L4-L5 left paracentral lateral_recess_stenosis L5:left",
        ),
    ),
    (
        "Moderate canal stenosis at L3-L4 and severe canal stenosis at L4-L5.",
        (
            "L3-L4 bilateral central canal_stenosis L4:left,L4:right",
            "L4-L5 bilateral central canal_stenosis L5:left,L5:right",
        ),
    ),
    (
        "L4/L5: Small left subarticular protrusion with possible irritation of the traversing left"
        " L5 root.",
        ("L4-L5 left paracentral protrusion L5:left",),
    ),
    (
        "Mild spondylolisthesis at L4/5 (grade I), without significant canal narrowing.",
        ("L4-L5 bilateral central spondylolisthesis L5:left,L5:right",),
    ),
    (
        "No change in the small right L5/S1 foraminal protrusion, which approaches but does not "
        "contact the exiting right L5 root.",
        ("L5-S1 right foraminal protrusion L5:right",),
    ),
    (
        "There is a disc herniation centrally at L5-S1.",
        ("L5-S1 bilateral central herniation S1:left,S1:right",),
    ),
    (
        "Left L4/5 disc extrusion (prolapse) with a sequestrated fragment lying caudally in the "
        "left lateral recess behind the L5 vertebral body, compressing the left L5 nerve root.",
        (
            "L4-L5 left paracentral extrusion L5:left",
            "L4-L5 left paracentral sequestration L5:left",
        ),
    ),
    (
        "L4-5: central and bilateral paracentral disc protrusion, moderate canal stenosis.",
        (
            "L4-L5 bilateral paracentral protrusion L5:left,L5:right",
            "L4-L5 bilateral central canal_stenosis L5:left,L5:right",
        ),
    ),
    (
        "Large central disc herniation at L5-S1 effacing the thecal sac, consider cauda equina.",
        ("L5-S1 bilateral central herniation S1:left,S1:right",),
    ),
    (
        "Mild narrowing of the L4/5 disc space. No herniation.",
        (),
    ),
    # ---------------- sixth batch (structured sub-labels, long sentences; 14 of 15 read at first)
    (
        "L4-L5:\nDisc: Left paracentral extrusion with inferior migration.\nCanal: Mild "
        "stenosis.\nLateral recesses: Severe left lateral recess stenosis with compression of the "
        "left L5 root.\nForamina: Patent.\nFacets: Mild arthropathy.",
        (
            "L4-L5 left paracentral extrusion L5:left",
            "L4-L5 bilateral central canal_stenosis L5:left,L5:right",
            "L4-L5 left paracentral lateral_recess_stenosis L5:left",
        ),
    ),
    (
        "L5-S1: Disc height loss and desiccation. Right paracentral protrusion resulting in "
        "effacement of the right lateral recess and abutment of the traversing right S1 nerve "
        "root.",
        (
            "L5-S1 right paracentral protrusion S1:right",
            "L5-S1 right paracentral lateral_recess_stenosis S1:right",
        ),
    ),
    (
        "There is a small disc protrusion at the L3-L4 level in the left foraminal zone, in "
        "contact with the exiting left L3 nerve root.",
        ("L3-L4 left foraminal protrusion L3:left",),
    ),
    (
        "Left paracentral extrusion at L5-S1, measuring 8 mm in AP dimension, with impingement "
        "upon the left S1 nerve root.",
        ("L5-S1 left paracentral extrusion S1:left",),
    ),
    (
        "A compressive right foraminal disc herniation at L4-5 displaces the exiting right L4 "
        "nerve root superiorly.",
        ("L4-L5 right foraminal herniation L4:right",),
    ),
    (
        "At the L2-L3 level, there is no disc bulge or herniation. The spinal canal and neural "
        "foramina are patent.",
        (),
    ),
    (
        "Disc bulge with superimposed left foraminal protrusion at L4-5 results in severe left "
        "foraminal narrowing.",
        (
            "L4-L5 bilateral central bulge L5:left,L5:right",
            "L4-L5 left foraminal protrusion L4:left",
            "L4-L5 left foraminal foraminal_stenosis L4:left",
        ),
    ),
    (
        "L1-L2 through L3-L4: No significant abnormality.",
        (),
    ),
    (
        "Central canal: moderately narrowed at L4-L5 by disc bulge and ligamentum flavum "
        "hypertrophy.",
        (
            "L4-L5 bilateral central canal_stenosis L5:left,L5:right",
            "L4-L5 bilateral central bulge L5:left,L5:right",
        ),
    ),
    (
        "Neural foramina: severe right L5-S1 foraminal stenosis; the other foramina are patent.",
        ("L5-S1 right foraminal foraminal_stenosis L5:right",),
    ),
    (
        "Small Schmorl node at L2. L2-3 disc otherwise unremarkable.",
        (),
    ),
    (
        "There is an epidural collection posterior to L5 and S1 compressing the thecal sac, "
        "suspicious for abscess.",
        (),
    ),
    (
        "Right L4-5 paracentral disc extrusion which extends cranially behind the L4 body and "
        "compresses the right L5 nerve root.",
        ("L4-L5 right paracentral extrusion L5:right",),
    ),
    (
        "Bilateral L5-S1 foraminal narrowing, severe on the left, with contact of the exiting left"
        " L5 root.",
        ("L5-S1 bilateral foraminal foraminal_stenosis L5:left,L5:right",),
    ),
    (
        "L4-L5: Mild disc bulge asymmetric to the right. No stenosis.",
        ("L4-L5 right paracentral bulge L5:right",),
    ),
)
