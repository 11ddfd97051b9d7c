"""Money figures from the city's budget system (预算管理一体化): its export read
by a column mapping (``reader``), summed by project code and fund category,
and written into the goal, the monitoring record and the self-evaluation
(``targets`` says which figure goes into which field)."""
