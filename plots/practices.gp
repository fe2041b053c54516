# practices.gp: for the projector. First-year team attainment of the
# reference team, of each practice alone, and of all of them together, with
# the plausibility bounds P1 (the meeting) and P2 (all of them) drawn, and
# where all of them would land if the gains simply added up. Run by
# `rampsim calibrate --plot`, which sets datadir and replications.
set title sprintf("Practices help, and do not add up without limit (%d simulated years each)", replications)
set ylabel "First-year team attainment (% of quota)"
set style fill solid 0.8 noborder
set boxwidth 0.6
set xrange [-0.6:5.6]
set yrange [0:*]
set xtics nomirror
set key below horizontal maxcols 3
set grid ytics
plot datadir.'/calibrate-practices.csv' using 0:(strlen(stringcolumn('bound_low')) > 0 ? (column('bound_low') + column('bound_high')) / 2 : NaN):(0.42):((column('bound_high') - column('bound_low')) / 2) \
       with boxxyerror fs solid 0.25 noborder lc rgb '#2ca02c' title 'What a sales leader would believe (P1, P2)', \
     '' using 0:'median':xticlabels(stringcolumn('scenario')) with boxes lc rgb '#1f5fa8' title 'Median year', \
     '' using 0:'median':'p10':'p90' with yerrorbars lw 2 pt 0 lc rgb '#555555' title 'P10 to P90 (a bad and a good year)', \
     '' using 0:(column('median') / 2):(sprintf('%.0f%%', column('median'))) with labels font ',20' tc rgb '#ffffff' notitle, \
     '' using 0:'added_up' with points pt 6 ps 3 lw 3 lc rgb '#d62728' title 'If the gains added up', \
     100 with lines lw 2 dt 2 lc rgb '#333333' title 'Quota'
