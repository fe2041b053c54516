# compare_manager.gp: the manager's mean weekly hours with the team by
# activity, a stacked bar per scenario, against the budget. Run by
# `rampsim compare --plot`.
set title "The manager's week with the team (mean hours)"
set ylabel "Hours per week"
set key outside right top
set style data histogram
set style histogram rowstacked
set style fill solid 0.8 noborder
set boxwidth 0.6
stats datadir.'/compare-manager.csv' using 'budget' nooutput
set yrange [0:STATS_max * 1.15]
set xrange [-0.6:scenarios - 0.4]
set xtics nomirror
plot datadir.'/compare-manager.csv' using 'one_on_one':xticlabels(1) lc rgb '#1f77b4' title 'One-on-ones', \
     '' using 'team_meeting' lc rgb '#17becf' title 'Team meeting', \
     '' using 'ride_along' lc rgb '#9467bd' title 'Ride-alongs', \
     '' using 'coaching' lc rgb '#2ca02c' title 'Coaching', \
     '' using 'onboarding' lc rgb '#98df8a' title 'Onboarding', \
     '' using 'deal_help' lc rgb '#ff7f0e' title 'Deal help', \
     '' using 0:'budget':(0.4) with xerrorbars lw 3 pt 0 lc rgb '#d62728' title 'Budget'
