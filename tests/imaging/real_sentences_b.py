"""A second held-out batch of real lumbar MRI report text (issue #16), gathered and given
its expected findings AFTER the reader's changes for ``real_sentences.py`` and scored once,
unseen: a check that those changes were general rules and not fitted to the first batch.
Same format and conventions as ``tests/imaging/corpus.py``; each source is in a comment.

    .venv/bin/python scripts/imaging_accuracy.py --corpus tests/imaging/real_sentences_b.py
"""

from __future__ import annotations

CORPUS: tuple[tuple[str, tuple[str, ...]], ...] = (
    # orthopaedics.win/Article/questionandanswer/.../backandneckinjury/201609/14334.html
    (
        "IMPRESSION: Multilevel degenerative changes with spinal canal stenosis and bilateral "
        "neural foraminal narrowing at L3-L4, L4-L5 and L5-S1.",
        (
            "L3-L4 bilateral central canal_stenosis L4:left,L4:right",
            "L4-L5 bilateral central canal_stenosis L5:left,L5:right",
            "L5-S1 bilateral central canal_stenosis S1:left,S1:right",
            "L3-L4 bilateral foraminal foraminal_stenosis L3:left,L3:right",
            "L4-L5 bilateral foraminal foraminal_stenosis L4:left,L4:right",
            "L5-S1 bilateral foraminal foraminal_stenosis L5:left,L5:right",
        ),
    ),
    (
        "At L5-S 1, there is an annular tear. There is broad-based central disc protrusion. "
        "There is bilateral facet and ligamentum flavum hypertrophy. There is bilateral neural "
        "foraminal narrowing. There is bilateral lateral recess stenosis. There is mild to "
        "moderate spinal canal stenosis.",
        (
            "L5-S1 bilateral central protrusion S1:left,S1:right",
            "L5-S1 bilateral foraminal foraminal_stenosis L5:left,L5:right",
            "L5-S1 bilateral paracentral lateral_recess_stenosis S1:left,S1:right",
            "L5-S1 bilateral central canal_stenosis S1:left,S1:right",
        ),
    ),
    (
        "At L4-L5, there is broad-based disc protrusion with annular tear slightly to the left "
        "of center. There is bilateral facet and ligamentum flavum hypertrophy. There is "
        "bilateral neural foraminal narrowing.",
        (
            "L4-L5 bilateral central protrusion L5:left,L5:right",
            "L4-L5 bilateral foraminal foraminal_stenosis L4:left,L4:right",
        ),
    ),
    (
        "At L3-L4, there is broad-based central disc protrusion. There is annular tear. There "
        "is facet and ligamentum flavum hypertrophy. There is mild to moderate spinal canal "
        "stenosis.",
        (
            "L3-L4 bilateral central protrusion L4:left,L4:right",
            "L3-L4 bilateral central canal_stenosis L4:left,L4:right",
        ),
    ),
    # orthopaedics.win/Article/questionandanswer/.../backandneckinjury/201609/13624.html
    (
        "T12-L1 through L2-L3: Mild facet arthropathy and ligamentum flavum thickening without "
        "spinal canal or foraminal stenosis.",
        (),
    ),
    (
        "L3-L4: Minimal concentric disk bulge. Facet arthropathy and mild ligamentum flavum "
        "thickening without foraminal or spinal canal stenosis.",
        ("L3-L4 bilateral central bulge L4:left,L4:right",),
    ),
    (
        "L4-L5: Mild broad based left foraminal disk protrusion, facet arthropathy and "
        "ligamentum flavum thickening causing mild to moderate left foraminal stenosis. No "
        "spinal canal or right foraminal stenosis.",
        (
            "L4-L5 left foraminal protrusion L4:left",
            "L4-L5 left foraminal foraminal_stenosis L4:left",
        ),
    ),
    (
        "L5-S1: Mild concentric disk bulging and facet arthropathy with no foraminal stenosis.",
        ("L5-S1 bilateral central bulge S1:left,S1:right",),
    ),
    # orthopaedics.win/Article/questionandanswer/.../chiropractors/201609/17220.html
    (
        "At L3-4 there is moderately large central focal disc protrusion causing effacement "
        "and attenuation of the ventral thecal sac bilateral formainal narrowing and nerve root "
        "distoration",
        (
            "L3-L4 bilateral central protrusion L4:left,L4:right",
            "L3-L4 bilateral foraminal foraminal_stenosis L3:left,L3:right",
        ),
    ),
    (
        "At L4-5 there is a somewhat smaller but central focal disc protrusion causing lesser "
        "thecal sac distortion and foraminal narrowing at this level, compared to L3-4 mild "
        "facet hypertrophy is appreciated.",
        (
            "L4-L5 bilateral central protrusion L5:left,L5:right",
            "L4-L5 bilateral foraminal foraminal_stenosis L4:left,L4:right",
        ),
    ),
    (
        "At L5- S1 there is mildly broad based but central focal disc bulging/protrusion at "
        "this level with mild bilateral foraminal narrowing at only mild thecal sac effacement "
        "centrally.",
        (
            "L5-S1 bilateral central protrusion S1:left,S1:right",
            "L5-S1 bilateral foraminal foraminal_stenosis L5:left,L5:right",
        ),
    ),
    # hitachimed.com AIRIS Elite case studies, MRI lumbar
    (
        "At L2/3, a very minimal anterior bulge of the annulus fibrosus is noted in the "
        "midline, A more prominent bulge is noted anterolaterally on the left and this is "
        "associated with hypertrophic spurring/sydesmaphyte formation here. There is no "
        "impingement on the spinal canal and thecal sac however.",
        (),
    ),
    (
        "Additionally, at the L3-4 level, there is relative narrowing of the right foramen due "
        "to a small right lateral disc herniation (or possibly or to asymmetric disc bulging). "
        "This touches the exiting nerve root and may be causing radiculopathy.",
        (
            "L3-L4 right foraminal foraminal_stenosis L3:right",
            "L3-L4 right foraminal herniation L3:right",
        ),
    ),
    (
        "At L4/5, relative narrowing of the left neural foramen is noted due to a combination "
        "of anatomic factors as well as some hypertrophy of the apophyseal joints.",
        ("L4-L5 left foraminal foraminal_stenosis L4:left",),
    ),
    (
        "At L5/Sl, no significant abnormalities are seen.",
        (),
    ),
    # icliniq.com/qa/back-pain/i-am-suffering-from-severe-back-pain-please-explain-my-mri...
    (
        "At L1-L2, there is no significant disc pathology. The central spinal canal and neural "
        "foramina are widely patent. There is mild bilateral facet arthrosis, with a small "
        "posterior projecting right facet joint cyst and tiny left posterior projecting facet "
        "joint cyst.",
        (),
    ),
    # syllabus.cwru.edu/YearThree/neuroscience/LumSpinalspondylosaxial.htm
    (
        "Note the severe stenosis at the L4-L5 level with the complete absence of CSF.",
        ("L4-L5 bilateral central canal_stenosis L5:left,L5:right",),
    ),
    # askadoctor24x7.com/premiumquestions/What-does-this-MRI-report-of-spine-indicate/202813
    (
        "3.At the L3-4 level, there is spondylitic change with a superimposed 2-3mm central "
        "disk protrusion. This effaces the ventral thecal sac and is in close proximity to the "
        "bilateral L4 nerve roots. The nerve roots do not appear displaced. There is no "
        "significant central canal or foraminal stenosis.",
        ("L3-L4 bilateral central protrusion L4:left,L4:right",),
    ),
    # m.livejournal.com/read/user/shuffledog/42135 (patient posting the report)
    (
        "Disc space narrowing at L5-S1 with disc desiccation. There is a larger disc bulge at "
        "this level. There is also facet hypertrophy. The posterior disc bulge is slightly "
        "more pronounced on the right. On to moderate bilateral inferior neural foraminal "
        "narrowing. There is compression of the descending S1 nerve root against the right "
        "posterior elements.",
        (
            "L5-S1 right paracentral bulge S1:right",
            "L5-S1 bilateral foraminal foraminal_stenosis L5:left,L5:right",
        ),
    ),
    # askthedoctor.com/back-pain-mri-findings-23914 (patient quoting a MEDITECH report)
    (
        "At L4-L5 demonstrate moderate posterior concentric disc bulge with left foraminal and "
        "far lateral asymmetric bulge. The facet, ligament degenerative hypertrophy. Mild - "
        "moderate central spinal stenosis. Moderate left greater than right foramina "
        "narrowing. There is no disc herniation.",
        (
            "L4-L5 bilateral central bulge L5:left,L5:right",
            "L4-L5 left foraminal bulge L4:left",
            "L4-L5 bilateral central canal_stenosis L5:left,L5:right",
            "L4-L5 bilateral foraminal foraminal_stenosis L4:left,L4:right",
        ),
    ),
)
